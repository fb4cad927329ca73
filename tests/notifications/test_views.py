"""The notification centre: the bell's count on every page, the list, open (mark read and go),
mark all read, the channel preferences and the calendar URL buttons."""

import re

import pytest
from django.urls import reverse

from notifications.models import CalendarToken, ChannelPreference, Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db


def bell(response):
    match = re.search(r'id="bell-count"[^>]*>(\d+)<', response.content.decode())
    return int(match.group(1)) if match else 0


@pytest.fixture
def returned(salesperson, client_as):
    def make(n=1):
        return [
            notify(
                kind="plan_returned",
                recipient=salesperson,
                subject=f"test:{i}",
                params={"period": "2026-11-30", "reason": f"原因{i}"},
                url="/plans/",
            )
            for i in range(n)
        ]

    return make


def test_the_bell_counts_unread_on_every_page(client_as, salesperson, returned):
    c = client_as(salesperson)
    assert bell(c.get(reverse("home"))) == 0
    returned(3)
    assert bell(c.get(reverse("home"))) == 3
    assert bell(c.get(reverse("visits:client_list"))) == 3


def test_the_bell_is_one_query(client_as, salesperson, returned, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    returned(1)
    c = client_as(salesperson)
    with CaptureQueriesContext(connection) as ctx:
        c.get(reverse("notifications:list"))
    returned_many = 20
    for i in range(returned_many):
        notify(kind="plan_approved", recipient=salesperson, subject=f"more:{i}")
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        c.get(reverse("notifications:list"))
    bell_queries = [q for q in ctx.captured_queries if "notifications_notification" in q["sql"]]
    assert len(bell_queries) <= 3  # the bell's count, the page's count and rows


def test_the_list_shows_only_my_notifications(client_as, salesperson, salesperson2, returned):
    returned(1)
    notify(kind="plan_approved", recipient=salesperson2, subject="x")
    body = client_as(salesperson).get(reverse("notifications:list")).content.decode()
    assert "原因0" in body and "已审核通过" not in body


def test_open_marks_read_and_goes_to_the_thing(client_as, salesperson, returned):
    (n,) = returned(1)
    c = client_as(salesperson)
    response = c.post(reverse("notifications:open", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == "/plans/"
    assert Notification.objects.get(pk=n.pk).read_at is not None
    assert bell(c.get(reverse("home"))) == 0


def test_someone_elses_notification_is_404(client_as, salesperson2, returned):
    (n,) = returned(1)
    c = client_as(salesperson2)
    assert c.post(reverse("notifications:open", args=[n.pk])).status_code == 404
    assert c.post(reverse("notifications:read", args=[n.pk])).status_code == 404
    assert Notification.objects.get(pk=n.pk).read_at is None


def test_an_offsite_link_is_never_followed(client_as, salesperson):
    n = notify(kind="plan_returned", recipient=salesperson, subject="s", url="https://evil.test/")
    response = client_as(salesperson).post(reverse("notifications:open", args=[n.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_mark_read_and_mark_all_read(client_as, salesperson, returned):
    first, *_rest = returned(3)
    c = client_as(salesperson)
    c.post(reverse("notifications:read", args=[first.pk]))
    assert bell(c.get(reverse("home"))) == 2
    c.post(reverse("notifications:read_all"))
    assert bell(c.get(reverse("home"))) == 0
    assert c.get(reverse("notifications:read_all")).status_code == 405


def test_preferences_are_saved(client_as, salesperson):
    from notifications.models import TeamChannel

    # both channels configured, so both are offered (issue 24: an unconfigured one is not)
    salesperson.email = "sp@example.com"
    salesperson.save(update_fields=["email"])
    TeamChannel.objects.create(
        team=salesperson.team, kind="wecom", webhook_url="https://example.com/robot"
    )
    c = client_as(salesperson)
    assert c.get(reverse("notifications:preferences")).status_code == 200
    response = c.post(reverse("notifications:preferences"), {"team_robot": "on"})
    assert response.status_code == 302
    pref = ChannelPreference.objects.get(user=salesperson)
    assert (pref.email, pref.team_robot) == (False, True)


def test_calendar_url_made_shown_and_revoked(client_as, salesperson):
    c = client_as(salesperson)
    assert c.get(reverse("notifications:calendar_new")).status_code == 405
    c.post(reverse("notifications:calendar_new"))
    token = CalendarToken.objects.get(user=salesperson, revoked_at__isnull=True).token
    assert token in c.get(reverse("notifications:preferences")).content.decode()
    c.post(reverse("notifications:calendar_revoke"))
    assert not CalendarToken.objects.filter(user=salesperson, revoked_at__isnull=True).exists()


def test_crafted_page_numbers(client_as, salesperson, returned):
    returned(1)
    c = client_as(salesperson)
    for page in ("0", "-1", "²", "9" * 40, "abc"):
        assert c.get(reverse("notifications:list"), {"page": page}).status_code == 200
