"""Meetings (4.1.2, 4.2.1): the weekly meeting settles key visits through plans' service; the
strategy meeting follows the month's order and assigns tasks; refusals change nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from meetings import services
from meetings.models import StrategyMeeting, WeeklyMeeting
from plans import services as plan_services
from plans.models import MonthlySalesPlan, SalesTask, VisitPlan, VisitPlanItem
from salesops.periods import Period
from salesops.services import ServiceError
from tests.visits.factories import ClientFactory

pytestmark = pytest.mark.django_db


def next_monday():
    today = dt.date.today()
    return today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=1)


def week_plan(sp, manager=None, submit=True, n=2):
    """A weekly plan for next week with n items (one key already), submitted unless told not."""
    plan = plan_services.plan_create(owner=sp, horizon="week", period_start=next_monday())
    items = [
        plan_services.plan_item_add(
            plan=plan,
            by=sp,
            date=next_monday() + dt.timedelta(days=i),
            client=ClientFactory(salesperson=sp, status="revisited"),
            purpose="closing",
            is_key=i == 0,
        )
        for i in range(n)
    ]
    if submit:
        plan_services.plan_submit(plan=VisitPlan.objects.get(pk=plan.pk), by=sp)
    return items


def keys():
    return dict(VisitPlanItem.objects.values_list("pk", "is_key"))


def record(team, manager, attendees, key_items, **kw):
    args = {
        "team": team,
        "by": manager,
        "date": dt.date.today(),
        "week": next_monday(),
        "attendees": attendees,
        "minutes": "各人汇报下周重点",
        "key_items": key_items,
    } | kw
    return services.weekly_meeting_record(**args)


def test_weekly_meeting_sets_and_clears_key_flags(team, manager, salesperson, salesperson2):
    a1, a2 = week_plan(salesperson)
    (b1,) = week_plan(salesperson2, n=1)
    meeting = record(team, manager, [manager, salesperson, salesperson2], [a2, b1])
    assert keys() == {a1.pk: False, a2.pk: True, b1.pk: True}
    assert set(meeting.key_items.all()) == {a2, b1}
    assert meeting.week_start == next_monday()


def test_draft_plan_items_cannot_be_settled(team, manager, salesperson):
    (draft_item,) = week_plan(salesperson, submit=False, n=1)
    with pytest.raises(ServiceError, match="不属于"):
        record(team, manager, [salesperson], [draft_item])
    assert not WeeklyMeeting.objects.exists()
    assert keys() == {draft_item.pk: True}


@pytest.mark.parametrize("bad", ["outsider", "no_minutes", "no_attendees", "twice"])
def test_weekly_meeting_refusals_change_nothing(team, manager, salesperson, other_salesperson, bad):
    a1, a2 = week_plan(salesperson)
    if bad == "twice":
        record(team, manager, [salesperson], [a1])
    before_meetings, before_keys = WeeklyMeeting.objects.count(), keys()
    kw, message = {
        "outsider": (
            {"attendees": [salesperson, other_salesperson]},
            "以下人员不是本团队成员：黄伟",
        ),
        "no_minutes": ({"minutes": "  "}, "请填写会议纪要"),
        "no_attendees": ({"attendees": []}, "请选择参会人员"),
        "twice": ({}, "这一周的周例会已经记录过了"),
    }[bad]
    args = {"attendees": [salesperson], "key_items": [a2]} | kw
    with pytest.raises(ServiceError, match=message):
        record(team, manager, **args)
    assert WeeklyMeeting.objects.count() == before_meetings
    assert keys() == before_keys


def test_only_the_teams_manager_records(team, salesperson, other_manager, leader):
    (item,) = week_plan(salesperson, n=1)
    for user in (salesperson, other_manager, leader):
        with pytest.raises(PermissionDenied):
            record(team, user, [salesperson], [])
    assert not WeeklyMeeting.objects.exists()


def sales_plan(team, manager, reported=True):
    plan = plan_services.sales_plan_save(
        team=team, month=dt.date.today(), by=manager, sales_plan="方案", reward_plan="奖励"
    )
    if reported:
        plan_services.sales_plan_report_to_office(plan=plan, by=manager)
    return plan


def test_strategy_meeting_needs_the_plan_reported_first(team, manager, salesperson):
    sales_plan(team, manager, reported=False)
    args = {
        "team": team,
        "by": manager,
        "month": dt.date.today(),
        "date": dt.date.today(),
        "attendees": [manager, salesperson],
        "minutes": "分配任务",
    }
    with pytest.raises(ServiceError, match="上报办公室"):
        services.strategy_meeting_record(**args)
    assert not StrategyMeeting.objects.exists()
    plan_services.sales_plan_report_to_office(plan=MonthlySalesPlan.objects.get(), by=manager)
    meeting = services.strategy_meeting_record(**args)
    assert meeting.month == dt.date.today().replace(day=1)
    with pytest.raises(ServiceError, match="已经记录"):
        services.strategy_meeting_record(**args)
    assert StrategyMeeting.objects.count() == 1


# --- pages ---------------------------------------------------------------------------------------


def test_weekly_meeting_page_records_and_redirects(client_as, team, manager, salesperson):
    a1, a2 = week_plan(salesperson)
    c = client_as(manager)
    week = Period.week_of(next_monday()).key
    page = c.get(reverse("meetings:weekly_create") + f"?week={week}").content.decode()
    assert f'value="{a1.pk}"' in page and f'value="{a2.pk}"' in page
    response = c.post(
        reverse("meetings:weekly_create"),
        {
            "week": week,
            "date": dt.date.today().isoformat(),
            "attendees": [manager.pk, salesperson.pk],
            "minutes": "确定重点",
            "key_items": [a2.pk],
        },
    )
    meeting = WeeklyMeeting.objects.get()
    assert response["Location"] == f"/meetings/weekly/{meeting.pk}/"
    assert keys() == {a1.pk: False, a2.pk: True}
    detail = client_as(salesperson).get(response["Location"]).content.decode()
    assert "确定重点" in detail and a2.target_name in detail


def test_weekly_meeting_page_refusal_changes_nothing(client_as, team, manager, salesperson):
    (a1,) = week_plan(salesperson, n=1)
    response = client_as(manager).post(
        reverse("meetings:weekly_create"),
        {
            "week": Period.week_of(next_monday()).key,
            "date": dt.date.today().isoformat(),
            "attendees": [salesperson.pk],
            "minutes": "",
            "key_items": [],
        },
    )
    assert response.status_code == 200
    assert not WeeklyMeeting.objects.exists() and keys() == {a1.pk: True}


def test_strategy_page_shows_who_has_no_task_and_assigns(
    client_as, team, manager, salesperson, salesperson2
):
    sales_plan(team, manager)
    c = client_as(manager)
    response = c.post(
        reverse("meetings:strategy_create"),
        {
            "date": dt.date.today().isoformat(),
            "attendees": [manager.pk, salesperson.pk, salesperson2.pk],
            "minutes": "本月目标",
        },
    )
    meeting = StrategyMeeting.objects.get()
    assert response["Location"] == f"/meetings/strategy/{meeting.pk}/"
    page = c.get(response["Location"]).content.decode()
    assert 'id="no-task"' in page and "王芳" in page and "李强" in page
    prefix = f"t{salesperson.pk}"
    response = c.post(
        reverse("meetings:strategy_assign", args=[meeting.pk, salesperson.pk]),
        {
            f"{prefix}-target_visits": 22,
            f"{prefix}-target_new_clients": 3,
            f"{prefix}-target_accounts": 2,
            f"{prefix}-target_deposit_amount": "400000",
        },
    )
    assert response["Location"] == f"/meetings/strategy/{meeting.pk}/"
    task = SalesTask.objects.get(salesperson=salesperson)
    assert (task.target_visits, task.month) == (22, meeting.month)
    page = c.get(response["Location"]).content.decode()
    no_task = page.split('id="no-task"')[1].split("</div>")[0]
    assert "李强" in no_task and "王芳" not in no_task


def test_strategy_assign_for_another_team_is_404(
    client_as, team, manager, other_manager, other_salesperson
):
    sales_plan(team, manager)
    meeting = services.strategy_meeting_record(
        team=team,
        by=manager,
        month=dt.date.today(),
        date=dt.date.today(),
        attendees=[manager],
        minutes="纪要",
    )
    prefix = f"t{other_salesperson.pk}"
    response = client_as(manager).post(
        reverse("meetings:strategy_assign", args=[meeting.pk, other_salesperson.pk]),
        {f"{prefix}-target_visits": 1},
    )
    assert response.status_code == 404
    response = client_as(other_manager).get(reverse("meetings:strategy_detail", args=[meeting.pk]))
    assert response.status_code == 404
    assert not SalesTask.objects.exists()


def test_home_links_the_meetings(client_as, manager, salesperson):
    assert 'id="home-meetings"' in client_as(manager).get("/").content.decode()
    assert 'id="home-meetings"' in client_as(salesperson).get("/").content.decode()


def test_demo_has_training_and_meetings(demo_department, client_as):
    from django.core.management import call_command

    from accounts.models import User
    from training.models import Attendance, TrainingSession

    team1 = User.objects.get(username="zhangym").team
    assert TrainingSession.objects.filter(team=team1).count() == 3
    assert Attendance.objects.filter(session__team=team1, attended=False).count() == 3
    weekly = WeeklyMeeting.objects.get(team=team1)
    assert weekly.key_items.exists() and all(i.is_key for i in weekly.key_items.all())
    assert StrategyMeeting.objects.filter(team=team1, month=dt.date.today().replace(day=1)).exists()
    call_command("seed_demo", stdout=StringIO())  # idempotent
    assert TrainingSession.objects.count() == 4 and WeeklyMeeting.objects.count() == 1
    for login in ("zhangym", "wangfang", "liuzg"):
        user = User.objects.get(username=login)
        c = client_as(user)
        assert c.get(reverse("meetings:list")).status_code == 200
        assert c.get(reverse("meetings:weekly_detail", args=[weekly.pk])).status_code == 200


def test_weekly_meeting_page_links_only_the_plans_the_reader_may_open(
    client_as, team, manager, salesperson, salesperson2, analyst
):
    a1, _a2 = week_plan(salesperson)
    (b1,) = week_plan(salesperson2, n=1)
    meeting = record(team, manager, [manager, salesperson, salesperson2, analyst], [a1, b1])
    url = reverse("meetings:weekly_detail", args=[meeting.pk])
    own, other = (reverse("plans:plan_detail", args=[i.plan_id]) for i in (a1, b1))
    page = client_as(salesperson).get(url).content.decode()
    assert f'href="{own}"' in page and f'href="{other}"' not in page
    page = client_as(analyst).get(url).content.decode()
    assert own not in page and other not in page
    page = client_as(manager).get(url).content.decode()
    assert f'href="{own}"' in page and f'href="{other}"' in page
