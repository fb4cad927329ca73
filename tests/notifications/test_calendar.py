"""The private calendar feed: RFC 5545 read back with icalendar; the token opens the feed only,
and a revoked or unknown one answers 404."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from notifications import services
from plans import services as plans
from tests.plans.factories import VisitPlanFactory, VisitPlanItemFactory
from tests.visits.factories import ClientFactory

pytestmark = pytest.mark.django_db


def feed(client, token):
    return client.get(reverse("calendar_feed", args=[token]))


def events(response):
    cal = Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def deadlines(salesperson, other_salesperson, manager, today):
    plan = VisitPlanFactory(owner=salesperson, period_start=today, status="approved")
    VisitPlanItemFactory(plan=plan, date=today + dt.timedelta(days=1), prospect_name="意向甲")
    mine = ClientFactory(
        salesperson=salesperson,
        name="回访乙",
        status="plan_ready",
        revisit_due=today + dt.timedelta(days=3),
    )
    plans.focus_assign(
        manager=manager, salesperson=salesperson, client=mine, date=today, instruction="见面"
    )
    ClientFactory(
        salesperson=other_salesperson,
        name="外队丙",
        status="plan_ready",
        revisit_due=today + dt.timedelta(days=2),
    )


def test_the_salespersons_feed_has_their_items_focus_and_revisit_deadlines(
    client, salesperson, deadlines, today
):
    token = services.calendar_token_create(by=salesperson).token
    response = feed(client, token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response)
    assert set(found) == {"拜访：意向甲（初访）", "重点跟进：回访乙", "二次回访期限：回访乙"}
    assert found["二次回访期限：回访乙"].decoded("dtstart") == today + dt.timedelta(days=3)
    assert found["重点跟进：回访乙"]["description"] == "见面"
    assert all(str(e["uid"]).endswith("@salesops") for e in found.values())


def test_the_managers_feed_covers_their_team_only(client, manager, salesperson, deadlines):
    token = services.calendar_token_create(by=manager).token
    found = events(feed(client, token))
    assert "王芳 · 二次回访期限：回访乙" in found
    assert not any("外队丙" in s for s in found)


def test_office_gets_an_empty_calendar(client, office, deadlines):
    token = services.calendar_token_create(by=office).token
    assert events(feed(client, token)) == {}


def test_a_revoked_regenerated_or_unknown_token_answers_404(client, salesperson):
    old = services.calendar_token_create(by=salesperson).token
    new = services.calendar_token_create(by=salesperson).token
    assert feed(client, old).status_code == 404
    assert feed(client, new).status_code == 200
    services.calendar_token_revoke(by=salesperson)
    assert feed(client, new).status_code == 404
    assert feed(client, "x" * 64).status_code == 404
    assert feed(client, "x" * 500).status_code == 404


def test_the_token_grants_nothing_else(client, salesperson):
    token = services.calendar_token_create(by=salesperson).token
    # anything but GET/HEAD answers the same 404 as an unknown token (notifications.views
    # .calendar_feed; the permission matrix says the same): a POST learns nothing, not even
    # whether the token is live, and changes nothing
    assert client.post(reverse("calendar_feed", args=[token])).status_code == 404
    assert client.post(reverse("calendar_feed", args=["x" * 64])).status_code == 404
    assert feed(client, token).status_code == 200
    response = client.get(reverse("notifications:list"), {"token": token})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_a_deactivated_person_has_no_feed(client, salesperson):
    token = services.calendar_token_create(by=salesperson).token
    salesperson.is_active = False
    salesperson.save()
    assert feed(client, token).status_code == 404
