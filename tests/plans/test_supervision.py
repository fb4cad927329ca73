"""督导 (docs/design.md §Supervision): the manager reads the team's work logs day by day, comments on
them (批注, the salesperson sees it) and sees who wrote none on each working day."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from plans import services
from plans.models import WorkLogComment
from tests.factories import UserFactory
from workcalendar.models import WorkCalendarDay

# a past week, its calendar set here: Tuesday a holiday, Saturday a make-up working day (调休)
MONDAY = dt.date(2025, 6, 2)
WORKING = {0: True, 1: False, 2: True, 3: True, 4: True, 5: True, 6: False}


def day(n):
    return MONDAY + dt.timedelta(days=n)


@pytest.fixture
def week_calendar(db):
    for n, working in WORKING.items():
        WorkCalendarDay.objects.update_or_create(
            date=day(n), defaults={"is_working_day": working, "name": ""}
        )


def write(person, date, content="拜访三位客户"):
    return services.worklog_write(salesperson=person, date=date, content=content, tomorrow="回访")


@pytest.fixture
def log(salesperson):
    return write(salesperson, day(2))


# --- the service ---------------------------------------------------------------------------------


def test_the_manager_comments_on_a_log(log, manager):
    comment = services.worklog_comment(log=log, by=manager, text="  客户跟进要及时  ")
    assert (comment.log, comment.author, comment.text) == (log, manager, "客户跟进要及时")
    assert list(log.comments.all()) == [comment]


def test_an_empty_comment_is_refused(log, manager):
    with pytest.raises(services.ServiceError, match="请填写批注内容") as exc:
        services.worklog_comment(log=log, by=manager, text="   ")
    assert exc.value.field == "text"
    assert not WorkLogComment.objects.exists()


@pytest.mark.parametrize("who", ["salesperson", "salesperson2", "other_manager", "leader"])
def test_only_the_teams_manager_may_comment(log, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.worklog_comment(log=log, by=user, text="批注")
    assert not WorkLogComment.objects.exists()


# --- the manager's page --------------------------------------------------------------------------


def test_the_page_shows_the_days_logs_and_who_wrote_none(
    week_calendar, salesperson, salesperson2, manager, other_salesperson, client_as
):
    log = write(salesperson, day(2), "签约一位客户")
    services.worklog_comment(log=log, by=manager, text="做得好")
    write(other_salesperson, day(2), "别的团队")
    response = client_as(manager).get(reverse("plans:team_logs"), {"date": day(2).isoformat()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "签约一位客户" in html and "做得好" in html
    assert "别的团队" not in html
    rows = {r["person"].username: r for r in response.context["rows"]}
    assert set(rows) == {"sales1", "sales2"}
    assert rows["sales2"]["log"] is None
    assert [p.username for p in response.context["missing_today"]] == ["sales2"]
    assert "未写日志" in html
    assert reverse("plans:worklog_comment", args=[log.pk]) in html


def test_the_week_strip_counts_working_days_only(
    week_calendar, salesperson, salesperson2, manager, client_as
):
    # sales1 wrote Monday and Wednesday, and on Tuesday (a holiday) and Sunday (a rest day)
    for n in (0, 1, 2, 6):
        write(salesperson, day(n))
    response = client_as(manager).get(reverse("plans:team_logs"), {"date": day(2).isoformat()})
    ctx = response.context
    # working days: Mon, Wed, Thu, Fri and the make-up Saturday (Tuesday holiday, Sunday off)
    assert ctx["week_days"] == [day(0), day(2), day(3), day(4), day(5)]
    rows = {r["person"].username: r["missing"] for r in ctx["rows"]}
    assert rows == {
        "sales1": [day(3), day(4), day(5)],
        "sales2": [day(0), day(2), day(3), day(4), day(5)],
    }
    assert 'data-person="sales1" data-missing="3"' in response.content.decode()


def test_a_future_day_shows_today(manager, client_as, today):
    response = client_as(manager).get(reverse("plans:team_logs"), {"date": "2099-01-01"})
    assert response.context["day"] == today


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_has_a_fixed_number_of_queries(team, manager, client_as, week_calendar):
    def add_people(n):
        for _i in range(n):
            person = UserFactory(role=Role.SALESPERSON, team=team)
            services.worklog_comment(log=write(person, day(2)), by=manager, text="批注")
            write(person, day(0))

    client = client_as(manager)
    url = reverse("plans:team_logs") + f"?date={day(2).isoformat()}"
    add_people(2)
    two = _queries(client, url)
    add_people(3)
    assert _queries(client, url) == two


# --- the comment URL -----------------------------------------------------------------------------


def test_posting_a_comment_redirects_back_to_the_day(log, manager, client_as):
    response = client_as(manager).post(
        reverse("plans:worklog_comment", args=[log.pk]), {"text": "明天重点拜访张先生"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:team_logs") + f"?date={log.date.isoformat()}"
    assert WorkLogComment.objects.get().text == "明天重点拜访张先生"


def test_a_repeated_submission_key_comments_once(log, manager, client_as):
    client = client_as(manager)
    url = reverse("plans:worklog_comment", args=[log.pk])
    data = {"text": "批注一次", "submission_key": "7d3f1a52-0000-4000-8000-000000000001"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert WorkLogComment.objects.count() == 1


def test_an_empty_comment_posted_changes_nothing(log, manager, client_as):
    response = client_as(manager).post(
        reverse("plans:worklog_comment", args=[log.pk]), {"text": ""}
    )
    assert response.status_code == 302
    assert not WorkLogComment.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("salesperson", 403), ("other_manager", 404)])
def test_others_may_not_post_a_comment(log, who, status, request, client_as):
    user = request.getfixturevalue(who)
    response = client_as(user).post(
        reverse("plans:worklog_comment", args=[log.pk]), {"text": "批注"}
    )
    assert response.status_code == status
    assert not WorkLogComment.objects.exists()


# --- the salesperson sees it ---------------------------------------------------------------------


def test_the_salesperson_sees_the_comment_on_their_log(log, manager, salesperson, client_as):
    services.worklog_comment(log=log, by=manager, text="注意回访节奏")
    client = client_as(salesperson)
    html = client.get(reverse("plans:worklog"), {"date": log.date.isoformat()}).content.decode()
    assert "注意回访节奏" in html and "经理批注" in html
    recent = client.get(reverse("plans:worklog")).context["recent"]
    assert [(entry.date, entry.comment_count) for entry in recent] == [(log.date, 1)]


@pytest.mark.parametrize("n", [1, 6])  # the week's holiday (Tuesday) and its Sunday
def test_a_day_off_flags_nobody_as_missing(week_calendar, salesperson, manager, client_as, n):
    """Issue 24: the one-day view follows the work calendar, as the week strip does."""
    response = client_as(manager).get(reverse("plans:team_logs"), {"date": day(n).isoformat()})
    body = response.content.decode()
    assert "当天未写日志" not in body
    assert "未写日志</span>" not in body
    assert "非工作日" in body


def test_a_working_day_still_flags_who_wrote_none(week_calendar, salesperson, manager, client_as):
    response = client_as(manager).get(reverse("plans:team_logs"), {"date": day(5).isoformat()})
    body = response.content.decode()  # Saturday, a make-up working day (调休)
    assert "当天未写日志" in body and salesperson.display_name in body
