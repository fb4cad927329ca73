"""Item edits, 修改 and 重做, key flags, locking, daily plans, follow-ups and the weekly plan."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_fsm_log.models import StateLog

from plans import rules, services
from plans.models import ManagerWeeklyPlan, VisitPlanItem
from tests.visits.factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def transitions(obj):
    return [log.transition for log in StateLog.objects.for_(obj).order_by("pk")]


def test_salesperson_edits_an_item_of_a_draft_plan(draft_plan, salesperson, next_monday):
    item = draft_plan.items.get()
    services.plan_item_update(
        item=item,
        by=salesperson,
        date=next_monday + dt.timedelta(days=2),
        purpose="closing",
        client=item.client,
        is_key=True,
        note="带上合同",
        expected_version=draft_plan.version,
    )
    item = fresh(item)
    assert (item.purpose, item.is_key, item.note) == ("closing", True, "带上合同")
    assert fresh(draft_plan).version == draft_plan.version + 1


def test_item_moved_outside_the_period_is_refused_and_nothing_changes(
    draft_plan, salesperson, next_monday
):
    item = draft_plan.items.get()
    with pytest.raises(services.ServiceError, match="日期必须在方案期间内") as exc:
        services.plan_item_update(
            item=item, by=salesperson, date=next_monday + dt.timedelta(days=9), purpose="first"
        )
    assert exc.value.field == "date"
    assert fresh(item).date == next_monday and fresh(item).purpose == "plan_revisit"


def test_stale_version_on_item_add_is_refused(draft_plan, salesperson, next_monday):
    with pytest.raises(services.StaleVersion, match="已被他人修改"):
        services.plan_item_add(
            plan=draft_plan,
            by=salesperson,
            date=next_monday,
            prospect_name="林女士",
            purpose="first",
            expected_version=draft_plan.version - 1,
        )
    assert draft_plan.items.count() == 1


def test_approved_plan_is_locked_for_its_owner(submitted_plan, salesperson, manager, next_monday):
    services.plan_approve(plan=submitted_plan, by=manager)
    plan = fresh(submitted_plan)
    item = plan.items.get()
    with pytest.raises(services.ServiceError, match="不能修改"):
        services.plan_item_add(
            plan=plan, by=salesperson, date=next_monday, prospect_name="x", purpose="first"
        )
    with pytest.raises(services.ServiceError, match="不能修改"):
        services.plan_item_update(item=item, by=salesperson, date=next_monday, purpose="first")
    with pytest.raises(services.ServiceError, match="不能修改"):
        services.plan_item_archive(item=item, by=salesperson)
    with pytest.raises(PermissionDenied):
        services.plan_set_key(item=item, by=salesperson, is_key=True)
    assert not rules.can_edit_plan(salesperson, plan)
    assert fresh(item).archived_at is None and plan.items.count() == 1
    assert fresh(plan).status == "approved"


def test_submitted_plan_cannot_be_edited_by_its_owner(submitted_plan, salesperson, next_monday):
    with pytest.raises(services.ServiceError, match="方案状态为「待审核」，不能修改"):
        services.plan_item_add(
            plan=submitted_plan,
            by=salesperson,
            date=next_monday,
            prospect_name="x",
            purpose="first",
        )


def test_manager_sets_key_flags_while_reviewing(submitted_plan, manager, salesperson):
    item = submitted_plan.items.get()
    assert rules.can_set_key(manager, submitted_plan)
    assert not rules.can_set_key(salesperson, submitted_plan)
    services.plan_set_key(item=item, by=manager, is_key=True)
    assert fresh(item).is_key
    assert fresh(submitted_plan).status == "submitted"


def test_salesperson_reopens_returned_plan_with_xiugai(submitted_plan, salesperson, manager):
    services.plan_return(plan=submitted_plan, by=manager, reason="重点不够")
    services.plan_reopen(plan=fresh(submitted_plan), by=salesperson)
    plan = fresh(submitted_plan)
    assert plan.status == "draft" and plan.return_reason == "重点不够"
    assert transitions(plan) == ["submit", "return_for_rewrite", "reopen"]


def test_reopen_is_refused_unless_returned(draft_plan, salesperson):
    with pytest.raises(services.ServiceError, match="当前状态为「草稿」，不能执行此操作"):
        services.plan_reopen(plan=draft_plan, by=salesperson)


def test_resubmitting_a_returned_plan_goes_back_through_draft(submitted_plan, salesperson, manager):
    services.plan_return(plan=submitted_plan, by=manager, reason="周三没有安排")
    services.plan_submit(plan=fresh(submitted_plan), by=salesperson)
    plan = fresh(submitted_plan)
    assert plan.status == "submitted"
    assert transitions(plan) == ["submit", "return_for_rewrite", "reopen", "submit"]
    log = StateLog.objects.for_(plan).get(transition="return_for_rewrite")
    assert log.by == manager and log.description == "周三没有安排"


def test_editing_a_returned_plan_reopens_it(submitted_plan, salesperson, manager, next_monday):
    services.plan_return(plan=submitted_plan, by=manager, reason="补充")
    services.plan_item_add(
        plan=fresh(submitted_plan),
        by=salesperson,
        date=next_monday,
        prospect_name="郭总",
        purpose="first",
    )
    assert fresh(submitted_plan).status == "draft"


def test_day_plan_needs_no_review(salesperson, today):
    plan = services.plan_create(owner=salesperson, horizon="day", period_start=today)
    services.plan_item_add(
        plan=plan, by=salesperson, date=today, prospect_name="x", purpose="first"
    )
    with pytest.raises(services.ServiceError, match="无需"):
        services.plan_submit(plan=fresh(plan), by=salesperson)
    assert not rules.can_submit_plan(salesperson, plan)


def test_plan_create_takes_any_day_of_the_week(salesperson, next_monday):
    plan = services.plan_create(
        owner=salesperson, horizon="week", period_start=next_monday + dt.timedelta(days=3)
    )
    assert plan.period_start == next_monday
    assert plan.period_end == next_monday + dt.timedelta(days=6)


def test_only_open_items_are_copied_to_the_next_week(draft_plan, salesperson, next_monday):
    done = draft_plan.items.get()
    services.plan_item_add(
        plan=fresh(draft_plan),
        by=salesperson,
        date=next_monday,
        prospect_name="韩经理",
        purpose="first",
    )
    VisitPlanItem.objects.filter(pk=done.pk).update(
        visit=VisitFactory(client=done.client, date=next_monday)
    )
    plan = services.plan_create(
        owner=salesperson, horizon="week", period_start=next_monday + dt.timedelta(days=7)
    )
    assert [i.target_name for i in plan.items.all()] == ["韩经理"]
    empty = services.plan_create(
        owner=salesperson,
        horizon="week",
        period_start=next_monday + dt.timedelta(days=14),
        copy_open_items_from_previous=False,
    )
    assert not empty.items.exists()


def test_salesperson_redoes_a_rejected_letter(task, salesperson, manager):
    letter = services.letter_write(letter=task.letter, by=salesperson, text="承诺")
    services.letter_submit(letter=letter, by=salesperson)
    services.letter_reject(letter=fresh(letter), by=manager, reason="不具体")
    services.letter_redo(letter=fresh(letter), by=salesperson)
    letter = fresh(letter)
    assert letter.status == "draft" and letter.reject_reason == "不具体"
    assert transitions(letter) == ["submit", "reject", "redo"]


def test_redo_is_refused_unless_rejected(task, salesperson):
    with pytest.raises(services.ServiceError, match="当前状态为「草稿」，不能执行此操作"):
        services.letter_redo(letter=task.letter, by=salesperson)


def test_empty_letter_cannot_be_submitted(task, salesperson):
    with pytest.raises(services.ServiceError, match="承诺书还是空的"):
        services.letter_submit(letter=task.letter, by=salesperson)
    assert fresh(task.letter).status == "draft"


def test_announce_twice_is_refused_and_letters_are_then_fixed(task, salesperson, manager, today):
    # the task fixture saved and reported the month's plans (tests.plans.factories.month_ready)
    letter = services.letter_write(letter=task.letter, by=salesperson, text="承诺")
    services.letter_submit(letter=letter, by=salesperson)
    services.letter_approve(letter=fresh(letter), by=manager)
    services.month_announce(team=manager.team, month=today, by=manager)
    with pytest.raises(services.ServiceError, match="已经宣布"):
        services.month_announce(team=manager.team, month=today, by=manager)
    with pytest.raises(services.ServiceError, match="已宣布"):
        services.letter_redo(letter=fresh(letter), by=salesperson)


def test_salesperson_cannot_announce(salesperson, team, today):
    with pytest.raises(PermissionDenied):
        services.month_announce(team=team, month=today, by=salesperson)


def test_other_teams_manager_cannot_approve_a_letter(task, salesperson, other_manager):
    letter = services.letter_write(letter=task.letter, by=salesperson, text="承诺")
    services.letter_submit(letter=letter, by=salesperson)
    with pytest.raises(PermissionDenied):
        services.letter_approve(letter=fresh(letter), by=other_manager)


def test_focus_on_a_visit_already_logged_counts_at_once(manager, salesperson, today):
    client = ClientFactory(salesperson=salesperson, status="visited")
    visit = VisitFactory(client=client, date=today)
    focus = services.focus_assign(
        manager=manager, salesperson=salesperson, client=client, date=today, instruction="见面"
    )
    assert fresh(focus).visit == visit


def test_focus_for_a_past_day_or_twice_is_refused(manager, salesperson, today):
    client = ClientFactory(salesperson=salesperson, status="visited")
    with pytest.raises(services.ServiceError, match="不能为过去的日期安排重点跟进"):
        services.focus_assign(
            manager=manager,
            salesperson=salesperson,
            client=client,
            date=today - dt.timedelta(days=1),
            instruction="x",
        )
    services.focus_assign(
        manager=manager, salesperson=salesperson, client=client, date=today, instruction="x"
    )
    with pytest.raises(services.ServiceError, match="已安排"):
        services.focus_assign(
            manager=manager, salesperson=salesperson, client=client, date=today, instruction="y"
        )


def test_other_teams_manager_cannot_assign_focus(other_manager, salesperson, today):
    client = ClientFactory(salesperson=salesperson, status="visited")
    with pytest.raises(PermissionDenied):
        services.focus_assign(
            manager=other_manager,
            salesperson=salesperson,
            client=client,
            date=today,
            instruction="x",
        )


def test_focus_page_shows_who_was_not_followed_up(client_as, manager, salesperson, today):
    seen = ClientFactory(salesperson=salesperson, status="visited", name="已见客户")
    missed = ClientFactory(salesperson=salesperson, status="visited", name="未见客户")
    for c in (seen, missed):
        services.focus_assign(
            manager=manager, salesperson=salesperson, client=c, date=today, instruction="跟进"
        )
    services.plan_items_mark_done(visit=VisitFactory(client=seen, date=today))
    response = client_as(manager).get(reverse("plans:focus"))
    assert response.context["missed"] == 1
    assert "未见客户" in response.content.decode()


def test_manager_weekly_plan_is_saved_and_reported(client_as, manager, team, office, today):
    c = client_as(manager)
    response = c.post(reverse("plans:manager_week"), {"own_items": "主持例会", "report": "1"})
    assert response.status_code == 302
    plan = ManagerWeeklyPlan.objects.get(team=team)
    assert plan.reported_at is not None and plan.week_start.weekday() == 0
    page = client_as(office).get(reverse("plans:office")).content.decode()
    assert "主持例会" in page


def test_worklog_page_shows_the_days_visits(client_as, salesperson, today):
    client = ClientFactory(salesperson=salesperson, status="visited", name="日志客户")
    VisitFactory(client=client, date=today)
    page = client_as(salesperson).get(reverse("plans:worklog")).content.decode()
    assert "日志客户" in page
