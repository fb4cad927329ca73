"""Each event reaches the one person who must act, once — and nobody else."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from notifications import events
from notifications.models import Delivery, Notification
from notifications.services import notify
from plans import services as plans
from problems import services as problems
from reports import services as reports
from salesops.periods import Period
from suitability import services as suitability
from tests.plans.factories import month_ready
from tests.plans.test_month_flows import ready_month
from tests.suitability.factories import assess, product
from tests.visits.factories import ClientFactory
from visits import services as visits

pytestmark = pytest.mark.django_db


def recipients(kind):
    return sorted(n.recipient.username for n in Notification.objects.filter(kind=kind))


def raised_again_changes_nothing(event, *objects):
    """The same event raised again (a retried call, a second process) adds nothing."""
    before = list(Notification.objects.values_list("pk", flat=True))
    for obj in objects:
        event(obj)
    assert list(Notification.objects.values_list("pk", flat=True)) == before


@pytest.fixture(autouse=True)
def emails(salesperson, salesperson2, manager, analyst, other_manager, other_salesperson):
    for u in (salesperson, salesperson2, manager, analyst, other_manager, other_salesperson):
        u.email = f"{u.username}@example.com"
        u.save(update_fields=["email"])


def test_plan_returned_reaches_its_salesperson_once_with_one_email(
    submitted_plan, manager, salesperson, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = plans.plan_return(plan=submitted_plan, by=manager, reason="客户太少")
    assert recipients("plan_returned") == [salesperson.username]
    n = Notification.objects.get()
    assert n.params["reason"] == "客户太少"
    assert n.url == f"/plans/{plan.pk}/"
    assert [m.to for m in mail.outbox] == [[salesperson.email]]
    assert "客户太少" in mail.outbox[0].body and "http://testserver/plans/" in mail.outbox[0].body
    assert Delivery.objects.get().status == "sent"
    # the same event raised again (a retried call) sends nothing more
    with django_capture_on_commit_callbacks(execute=True):
        events.plan_reviewed(plan)
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_plan_returned_twice_is_two_notifications(submitted_plan, manager, salesperson):
    plan = plans.plan_return(plan=submitted_plan, by=manager, reason="一")
    plan = plans.plan_submit(plan=plan, by=salesperson)
    plans.plan_return(plan=plan, by=manager, reason="二")
    assert recipients("plan_returned") == [salesperson.username] * 2


def test_plan_approved_reaches_its_salesperson(submitted_plan, manager, salesperson):
    plan = plans.plan_approve(plan=submitted_plan, by=manager)
    assert recipients("plan_approved") == [salesperson.username]
    assert Notification.objects.count() == 1
    raised_again_changes_nothing(events.plan_reviewed, plan)


def test_letters_rejected_and_approved_reach_the_writer(manager, salesperson, today):
    month_ready(manager, today)
    task = plans.task_assign(
        manager=manager,
        salesperson=salesperson,
        month=today,
        target_visits=1,
        target_new_clients=1,
        target_accounts=1,
        target_deposit_amount=1,
    )
    letter = plans.letter_write(letter=task.letter, by=salesperson, text="承诺")
    letter = plans.letter_submit(letter=letter, by=salesperson)
    letter = plans.letter_reject(letter=letter, by=manager, reason="太空")
    assert recipients("letter_rejected") == [salesperson.username]
    raised_again_changes_nothing(events.letter_reviewed, letter)
    letter = plans.letter_write(letter=letter, by=salesperson, text="承诺完成")
    letter = plans.letter_submit(letter=letter, by=salesperson)
    letter = plans.letter_approve(letter=letter, by=manager)
    assert recipients("letter_approved") == [salesperson.username]
    raised_again_changes_nothing(events.letter_reviewed, letter)
    assert Notification.objects.count() == 2


def test_month_announced_reaches_each_tasked_salesperson(
    manager, salesperson, salesperson2, other_salesperson, today
):
    ready_month(manager, today, salesperson, salesperson2)
    month = plans.month_announce(team=manager.team, month=today, by=manager)
    assert recipients("month_announced") == sorted([salesperson.username, salesperson2.username])
    raised_again_changes_nothing(events.month_announced, month)


def test_client_reported_reaches_the_manager_and_serving_analyst(
    salesperson, manager, analyst, other_manager, django_capture_on_commit_callbacks
):
    client = ClientFactory(salesperson=salesperson, status="needs_analyzed", analyst=analyst)
    # the pipeline's reactions run after its transaction commits (visits.extensions)
    with django_capture_on_commit_callbacks(execute=True) as reactions:
        client = visits.client_report_to_manager(client=client, by=salesperson)
        assert recipients("client_reported") == []
    assert reactions
    assert recipients("client_reported") == sorted([manager.username, analyst.username])
    raised_again_changes_nothing(events.client_reported, client)


def test_investment_plan_ready_reaches_the_salesperson(
    salesperson, analyst, manager, today, django_capture_on_commit_callbacks
):
    client = ClientFactory(salesperson=salesperson, status="reported", analyst=analyst)
    assess(client, "C3")
    with django_capture_on_commit_callbacks(execute=True):
        visits.client_prepare_plan(
            client=client,
            by=analyst,
            content="债券",
            products=[product("R2")],
            revisit_due=today + dt.timedelta(days=5),
        )
    assert recipients("investment_plan_ready") == [salesperson.username]
    assert Notification.objects.get().params["due"] == (today + dt.timedelta(days=5)).isoformat()
    client.refresh_from_db()
    raised_again_changes_nothing(events.investment_plan_ready, client)


def test_an_insisted_plan_is_ready_when_the_manager_approves_it(
    salesperson, analyst, manager, today, django_capture_on_commit_callbacks
):
    client = ClientFactory(salesperson=salesperson, status="reported", analyst=analyst)
    assess(client, "C1")
    with django_capture_on_commit_callbacks(execute=True):
        plan = visits.client_prepare_plan(
            client=client,
            by=analyst,
            content="股票",
            products=[product("R3")],
            revisit_due=today + dt.timedelta(days=5),
            insistence="客户坚持",
            risk_warning_signed_on=today,
        )
    assert recipients("investment_plan_ready") == []  # waiting for the manager
    s = plan.suitability
    with django_capture_on_commit_callbacks(execute=True):
        suitability.plan_approve(suitability=s, by=manager, expected_version=s.version)
    assert recipients("investment_plan_ready") == [salesperson.username]


def test_focus_assigned_reaches_the_salesperson(manager, salesperson, salesperson2, today):
    client = ClientFactory(salesperson=salesperson, status="visited")
    focus = plans.focus_assign(
        manager=manager, salesperson=salesperson, client=client, date=today, instruction="见面"
    )
    assert recipients("focus_assigned") == [salesperson.username]
    raised_again_changes_nothing(events.focus_assigned, focus)


def test_proposal_submitted_and_decided(make_proposal, manager, leader):
    proposal = make_proposal("approved")
    assert recipients("proposal_submitted") == [leader.username]
    assert recipients("proposal_decided") == [manager.username]
    raised_again_changes_nothing(events.proposal_decided, proposal)
    n = Notification.objects.get(kind="proposal_decided")
    from notifications.messages import text

    assert "批准" in text(n)


def test_problem_escalated_and_answered(leader, manager, escalated):
    assert recipients("problem_escalated") == [leader.username]
    raised_again_changes_nothing(events.problem_escalated, escalated)
    answered = problems.problem_answer(problem=escalated, by=leader, answer="同意")
    assert recipients("escalation_answered") == [manager.username]
    raised_again_changes_nothing(events.escalation_answered, answered)


def test_report_submitted_reaches_the_office(manager, office, today):
    period = Period.week_of(today).previous()
    sub = reports.submission_create(
        team=manager.team, code="weekly-work", period=period, by=manager
    )
    assert recipients("report_submitted") == [office.username]
    raised_again_changes_nothing(events.report_submitted, sub)


def test_nothing_goes_to_someone_outside_the_subjects_scope(
    submitted_plan, other_salesperson, other_manager
):
    assert notify(kind="plan_returned", recipient=other_salesperson, subject=submitted_plan) is None
    assert notify(kind="plan_returned", recipient=other_manager, subject=submitted_plan) is None
    assert Notification.objects.count() == 0


def test_no_notification_for_an_inactive_or_missing_person(submitted_plan, salesperson):
    salesperson.is_active = False
    salesperson.save()
    assert notify(kind="plan_returned", recipient=salesperson, subject=submitted_plan) is None
    assert notify(kind="plan_returned", recipient=None, subject=submitted_plan) is None


def test_email_preference_off_sends_no_email(
    submitted_plan, manager, salesperson, django_capture_on_commit_callbacks
):
    from notifications.services import preference_save

    preference_save(by=salesperson, email=False, team_robot=False)
    with django_capture_on_commit_callbacks(execute=True):
        plans.plan_return(plan=submitted_plan, by=manager, reason="x")
    assert Notification.objects.count() == 1
    assert mail.outbox == [] and Delivery.objects.count() == 0


def test_unused_money(make_proposal):
    # proposals with an amount keep working with the hook in place
    assert make_proposal("submitted", amount=Decimal("10")).status == "submitted"
