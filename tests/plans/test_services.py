"""Every plans transition, every refusal, done-marking and locking."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django_fsm_log.models import StateLog

from plans import services
from plans.models import (
    CommitmentLetter,
    DailyFocus,
    MonthlySalesPlan,
    VisitPlan,
    VisitPlanItem,
    WorkLog,
)
from tests.visits.factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def test_salesperson_submits_and_manager_approves(submitted_plan, manager):
    assert submitted_plan.status == "submitted"
    services.plan_approve(plan=submitted_plan, by=manager)
    plan = fresh(submitted_plan)
    assert plan.status == "approved"
    assert plan.reviewed_by == manager
    assert [log.transition for log in StateLog.objects.for_(plan).order_by("pk")] == [
        "submit",
        "approve",
    ]


def test_manager_returns_plan_with_reason_and_salesperson_resubmits(
    submitted_plan, manager, salesperson, next_monday
):
    services.plan_return(plan=submitted_plan, by=manager, reason="重点客户太少")
    plan = fresh(submitted_plan)
    assert plan.status == "returned"
    assert plan.return_reason == "重点客户太少"
    services.plan_item_add(
        plan=plan, by=salesperson, date=next_monday, prospect_name="新意向", purpose="first"
    )
    assert fresh(plan).status == "draft"
    services.plan_submit(plan=fresh(plan), by=salesperson)
    services.plan_approve(plan=fresh(plan), by=manager)
    assert fresh(plan).status == "approved"


def test_return_without_reason_is_refused(submitted_plan, manager):
    with pytest.raises(services.ServiceError, match="原因"):
        services.plan_return(plan=submitted_plan, by=manager, reason="  ")
    assert fresh(submitted_plan).status == "submitted"


def test_empty_plan_cannot_be_submitted(salesperson, next_monday):
    plan = services.plan_create(owner=salesperson, horizon="week", period_start=next_monday)
    with pytest.raises(services.ServiceError, match="不能提交"):
        services.plan_submit(plan=plan, by=salesperson)
    assert fresh(plan).status == "draft"


def test_item_outside_period_is_refused(draft_plan, salesperson, next_monday):
    with pytest.raises(services.ServiceError, match="方案期间内"):
        services.plan_item_add(
            plan=draft_plan,
            by=salesperson,
            date=next_monday + dt.timedelta(days=7),
            prospect_name="x",
            purpose="first",
        )
    assert draft_plan.items.count() == 1


def test_item_for_another_salespersons_client_is_refused(
    draft_plan, salesperson, salesperson2, next_monday
):
    theirs = ClientFactory(salesperson=salesperson2)
    with pytest.raises(services.ServiceError, match="自己的客户"):
        services.plan_item_add(
            plan=draft_plan, by=salesperson, date=next_monday, client=theirs, purpose="first"
        )


def test_salesperson_cannot_approve(submitted_plan, salesperson):
    with pytest.raises(PermissionDenied):
        services.plan_approve(plan=submitted_plan, by=salesperson)


def test_other_teams_manager_cannot_review(submitted_plan, other_manager):
    with pytest.raises(PermissionDenied):
        services.plan_return(plan=submitted_plan, by=other_manager, reason="x")


def test_approved_plan_is_locked_but_manager_may_set_key(
    submitted_plan, manager, salesperson, next_monday
):
    services.plan_approve(plan=submitted_plan, by=manager)
    plan = fresh(submitted_plan)
    with pytest.raises(services.ServiceError, match="不能修改"):
        services.plan_item_add(
            plan=plan, by=salesperson, date=next_monday, prospect_name="x", purpose="first"
        )
    item = plan.items.get()
    services.plan_set_key(item=item, by=manager, is_key=True)
    assert fresh(item).is_key
    with pytest.raises(PermissionDenied):
        services.plan_set_key(item=item, by=salesperson, is_key=False)


def test_new_week_copies_open_items(draft_plan, salesperson, next_monday):
    plan = services.plan_create(
        owner=salesperson, horizon="week", period_start=next_monday + dt.timedelta(days=7)
    )
    copied = plan.items.get()
    assert copied.date == next_monday + dt.timedelta(days=7)
    assert copied.client == draft_plan.items.get().client


def test_second_plan_for_same_week_is_refused(draft_plan, salesperson, next_monday):
    with pytest.raises(services.ServiceError, match="已存在"):
        services.plan_create(
            owner=salesperson, horizon="week", period_start=next_monday + dt.timedelta(days=2)
        )


def test_stale_version_is_refused(submitted_plan, manager):
    with pytest.raises(services.StaleVersion):
        services.plan_approve(
            plan=submitted_plan, by=manager, expected_version=submitted_plan.version - 1
        )
    assert fresh(submitted_plan).status == "submitted"


def test_visit_marks_plan_item_and_focus_done(salesperson, manager, today):
    client = ClientFactory(salesperson=salesperson, status="plan_ready")
    plan = services.plan_create(owner=salesperson, horizon="day", period_start=today)
    item = services.plan_item_add(
        plan=plan, by=salesperson, date=today, client=client, purpose="plan_revisit"
    )
    prospect_item = services.plan_item_add(
        plan=fresh(plan), by=salesperson, date=today, prospect_name="路人甲", purpose="first"
    )
    focus = services.focus_assign(
        manager=manager, salesperson=salesperson, client=client, date=today, instruction="务必见面"
    )
    visit = VisitFactory(client=client, date=today)
    assert services.plan_items_mark_done(visit=visit) == 1
    assert fresh(item).visit == visit
    assert fresh(focus).visit == visit
    newcomer = ClientFactory(salesperson=salesperson, name="路人甲")
    services.plan_items_mark_done(visit=VisitFactory(client=newcomer, date=today))
    assert fresh(prospect_item).client == newcomer


def test_visit_on_another_day_does_not_mark_done(salesperson, today):
    client = ClientFactory(salesperson=salesperson)
    plan = services.plan_create(owner=salesperson, horizon="day", period_start=today)
    item = services.plan_item_add(
        plan=plan, by=salesperson, date=today, client=client, purpose="first"
    )
    services.plan_items_mark_done(
        visit=VisitFactory(client=client, date=today - dt.timedelta(days=1))
    )
    assert fresh(item).visit is None


def test_second_log_for_the_same_day_is_refused(salesperson, today):
    log = services.worklog_write(salesperson=salesperson, date=today, content="拜访三位客户")
    with pytest.raises(services.ServiceError, match="已经写过"):
        services.worklog_write(salesperson=salesperson, date=today, content="重复")
    services.worklog_write(
        salesperson=salesperson, date=today, content="改过", expected_version=log.version
    )
    assert WorkLog.objects.get().content == "改过"


def test_log_for_the_future_is_refused(salesperson, today):
    with pytest.raises(services.ServiceError, match="不能为未来的日期写日志"):
        services.worklog_write(
            salesperson=salesperson, date=today + dt.timedelta(days=1), content="x"
        )


def test_task_with_negative_targets_is_refused(manager, salesperson, today):
    from tests.plans.factories import month_ready

    month_ready(manager, today)
    with pytest.raises(services.ServiceError, match="负数"):
        services.task_assign(
            manager=manager,
            salesperson=salesperson,
            month=today,
            target_visits=-1,
            target_new_clients=1,
            target_accounts=1,
            target_deposit_amount=Decimal(1),
        )
    assert not CommitmentLetter.objects.exists()


def test_salesperson_cannot_assign_tasks(salesperson, salesperson2, today):
    with pytest.raises(PermissionDenied):
        services.task_assign(
            manager=salesperson,
            salesperson=salesperson2,
            month=today,
            target_visits=1,
            target_new_clients=1,
            target_accounts=1,
            target_deposit_amount=Decimal(1),
        )


def letter_cycle(task, salesperson, manager):
    letter = services.letter_write(letter=task.letter, by=salesperson, text="我承诺完成任务")
    services.letter_submit(letter=letter, by=salesperson)
    return fresh(letter)


def test_letter_rejected_redone_and_approved(task, salesperson, manager):
    letter = letter_cycle(task, salesperson, manager)
    services.letter_reject(letter=letter, by=manager, reason="措施不具体")
    letter = fresh(letter)
    assert letter.status == "rejected" and letter.reject_reason == "措施不具体"
    letter = services.letter_write(letter=letter, by=salesperson, text="补充了措施")
    assert letter.status == "draft"
    services.letter_submit(letter=letter, by=salesperson)
    services.letter_approve(letter=fresh(letter), by=manager)
    assert fresh(letter).status == "approved"
    transitions = [log.transition for log in StateLog.objects.for_(letter).order_by("pk")]
    assert transitions == ["submit", "reject", "redo", "submit", "approve"]


def test_rejection_without_reason_is_refused(task, salesperson, manager):
    letter = letter_cycle(task, salesperson, manager)
    with pytest.raises(services.ServiceError, match="审核不通过时必须填写原因"):
        services.letter_reject(letter=letter, by=manager, reason="")
    assert fresh(letter).status == "submitted"


def test_salesperson_cannot_approve_letter(task, salesperson, manager):
    letter = letter_cycle(task, salesperson, manager)
    with pytest.raises(PermissionDenied):
        services.letter_approve(letter=letter, by=salesperson)


def test_announce_refused_while_a_letter_is_not_approved(task, salesperson, manager, today):
    with pytest.raises(services.ServiceError, match="尚未审核通过"):
        services.month_announce(team=manager.team, month=today, by=manager)
    assert MonthlySalesPlan.objects.get().announced_at is None


def test_announced_tasks_are_locked(task, salesperson, manager, today):
    # the task fixture saved and reported the month's plans (tests.plans.factories.month_ready)
    services.letter_approve(letter=letter_cycle(task, salesperson, manager), by=manager)
    services.month_announce(team=manager.team, month=today, by=manager)
    with pytest.raises(services.ServiceError, match="已宣布"):
        services.task_assign(
            manager=manager,
            salesperson=salesperson,
            month=today,
            target_visits=99,
            target_new_clients=1,
            target_accounts=1,
            target_deposit_amount=Decimal(1),
        )
    with pytest.raises(services.ServiceError, match="本月任务已宣布执行，承诺书不能再修改"):
        services.letter_write(letter=fresh(task.letter), by=salesperson, text="改")
    assert fresh(task).target_visits == 20


def test_focus_must_be_the_salespersons_own_client(manager, salesperson, salesperson2, today):
    theirs = ClientFactory(salesperson=salesperson2)
    with pytest.raises(services.ServiceError, match="重点跟进对象必须是该营销人员自己的客户"):
        services.focus_assign(
            manager=manager, salesperson=salesperson, client=theirs, date=today, instruction="x"
        )
    assert not DailyFocus.objects.exists()


def test_report_to_office_needs_both_texts(manager, today):
    plan = services.sales_plan_save(
        team=manager.team, month=today, by=manager, sales_plan="方案", reward_plan=""
    )
    with pytest.raises(services.ServiceError, match="请先写好本月销售方案和奖励方案"):
        services.sales_plan_report_to_office(plan=plan, by=manager)
    assert fresh(plan).reported_at is None


def test_archived_item_is_kept(draft_plan, salesperson):
    item = draft_plan.items.get()
    services.plan_item_archive(item=item, by=salesperson)
    assert VisitPlanItem.objects.filter(pk=item.pk, archived_at__isnull=False).exists()
    assert VisitPlan.objects.get(pk=draft_plan.pk)


def test_announce_refused_until_the_sales_plan_is_reported_to_the_office(
    task, salesperson, manager, today
):
    """The month's order: sales plan + reward plan → reported to the office → … → announced."""
    plan = MonthlySalesPlan.objects.get()  # the task fixture saved and reported it
    MonthlySalesPlan.objects.update(reported_at=None)
    services.letter_approve(letter=letter_cycle(task, salesperson, manager), by=manager)
    with pytest.raises(services.ServiceError, match=r"尚缺：1\. 上报办公室。"):
        services.month_announce(team=manager.team, month=today, by=manager)
    assert fresh(plan).announced_at is None
    services.sales_plan_report_to_office(plan=fresh(plan), by=manager)
    services.month_announce(team=manager.team, month=today, by=manager)
    assert fresh(plan).announced_at is not None
