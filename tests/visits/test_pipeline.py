"""The client pipeline through its services: the allowed paths and every refusal."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django_fsm_log.models import StateLog

from tests.suitability.factories import assess, product
from visits import services
from visits.models import AccountOpening, Client, ClosingAttempt, Deposit, FailureAnalysis, Visit

pytestmark = pytest.mark.django_db


def fresh(client):
    return Client.objects.get(pk=client.pk)


def visit(client, by, purpose, day):
    return services.visit_log(
        client=client, by=by, date=day, kind="onsite", purpose=purpose, summary="面谈"
    )


def walk_to_revisited(client, salesperson, analyst, today):
    visit(client, salesperson, "first", today)
    services.client_analyze_needs(
        client=fresh(client),
        by=analyst,
        investment_experience="基金定投",
        investment_needs="稳健增值",
        risk_preference="moderate",
        intended_funds=Decimal("300000"),
    )
    services.client_report_to_manager(client=fresh(client), by=salesperson)
    assess(client, "C2")
    services.client_prepare_plan(
        client=fresh(client),
        by=analyst,
        content="债券基金为主",
        products=[product("R2")],
        revisit_due=today + dt.timedelta(days=7),
        proposed_amount=Decimal("200000"),
    )
    visit(fresh(client), salesperson, "plan_revisit", today)
    return fresh(client)


def test_client_walks_from_prospect_to_funded(prospect, salesperson, analyst, manager, today):
    client = walk_to_revisited(prospect, salesperson, analyst, today)
    assert client.status == "revisited"
    assert client.analyst == analyst
    assert client.reported_on == today
    services.client_start_closing(client=client, by=salesperson)
    services.client_close_won(
        client=fresh(client), by=salesperson, date=today, account_number="310001"
    )
    assert fresh(client).status == "account_opened"
    services.client_record_deposit(
        client=fresh(client), by=salesperson, date=today, amount=Decimal("100000.50")
    )
    services.client_record_deposit(
        client=fresh(client), by=manager, date=today, amount=Decimal("50000")
    )
    client = fresh(client)
    assert client.status == "funded"
    assert sum(d.amount for d in Deposit.objects.filter(client=client)) == Decimal("150000.50")
    assert AccountOpening.objects.get(client=client).account_number == "310001"
    assert ClosingAttempt.objects.get(client=client).outcome == "won"
    transitions = list(StateLog.objects.for_(client).order_by("pk").values_list("transition", "by"))
    assert [t for t, _ in transitions] == [
        "record_first_visit",
        "analyze_needs",
        "report_to_manager",
        "prepare_plan",
        "record_revisit",
        "start_closing",
        "close_won",
        "record_deposit",
        "record_deposit",
    ]
    assert transitions[1][1] == analyst.pk


def test_failure_loop_revisit_and_close_again(prospect, salesperson, analyst, today):
    client = walk_to_revisited(prospect, salesperson, analyst, today)
    services.client_start_closing(client=client, by=salesperson)
    services.client_close_lost(
        client=fresh(client), by=salesperson, reason="fees", notes="费率偏高", revisit_due=today
    )
    client = fresh(client)
    assert client.status == "failed"
    assert FailureAnalysis.objects.get(client=client).reason == "fees"
    visit(client, salesperson, "after_failure", today)
    assert fresh(client).status == "revisited"
    services.client_start_closing(client=fresh(client), by=salesperson)
    services.client_close_won(
        client=fresh(client), by=salesperson, date=today, account_number="310002"
    )
    outcomes = list(
        ClosingAttempt.objects.filter(client=client)
        .order_by("pk")
        .values_list("outcome", flat=True)
    )
    assert outcomes == ["lost", "won"]


def test_transition_from_wrong_state_is_refused_and_changes_nothing(prospect, salesperson):
    with pytest.raises(services.ServiceError, match="不能开始促单"):
        services.client_start_closing(client=prospect, by=salesperson)
    assert fresh(prospect).status == "prospect"
    assert not ClosingAttempt.objects.exists()


def test_salesperson_cannot_analyze_needs(make_client, salesperson):
    client = make_client("visited")
    with pytest.raises(PermissionDenied):
        services.client_analyze_needs(
            client=client,
            by=salesperson,
            investment_experience="",
            investment_needs="x",
            risk_preference="moderate",
            intended_funds=None,
        )


def test_salesperson_cannot_close_another_salespersons_client(make_client, salesperson2):
    client = make_client("closing")
    with pytest.raises(PermissionDenied):
        services.client_close_won(
            client=client, by=salesperson2, date=dt.date.today(), account_number="1"
        )
    assert fresh(client).status == "closing"


def test_manager_of_other_team_cannot_act(make_client, other_manager):
    client = make_client("closing")
    with pytest.raises(PermissionDenied):
        services.client_drop(client=client, by=other_manager, reason="x")


def test_only_manager_reactivates(make_client, salesperson, manager):
    client = make_client("dropped")
    with pytest.raises(PermissionDenied):
        services.client_reactivate(client=client, by=salesperson)
    services.client_reactivate(client=client, by=manager)
    assert fresh(client).status == "prospect"


def test_funded_client_cannot_be_dropped(make_client, salesperson):
    client = make_client("funded")
    with pytest.raises(services.ServiceError, match="当前状态为「已入金」，不能放弃客户"):
        services.client_drop(client=client, by=salesperson, reason="不做了")
    assert fresh(client).status == "funded"


def test_drop_requires_reason(make_client, salesperson):
    client = make_client("visited")
    with pytest.raises(services.ServiceError, match="放弃原因"):
        services.client_drop(client=client, by=salesperson, reason="  ")


def test_close_lost_without_reason_is_refused(make_client, salesperson):
    client = make_client("closing")
    with pytest.raises(services.ServiceError, match="失败原因"):
        services.client_close_lost(client=client, by=salesperson, reason="", notes="x")
    with pytest.raises(services.ServiceError, match="原因分析"):
        services.client_close_lost(client=client, by=salesperson, reason="fees", notes=" ")
    assert fresh(client).status == "closing"
    assert not FailureAnalysis.objects.exists()


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5")])
def test_deposit_amount_must_be_positive(make_client, salesperson, today, amount):
    client = make_client("account_opened")
    with pytest.raises(services.ServiceError, match="大于零"):
        services.client_record_deposit(client=client, by=salesperson, date=today, amount=amount)
    assert not Deposit.objects.exists()
    assert fresh(client).status == "account_opened"


def test_visit_cannot_be_dated_in_the_future(prospect, salesperson, today):
    with pytest.raises(services.ServiceError, match="不能晚于今天"):
        visit(prospect, salesperson, "first", today + dt.timedelta(days=1))
    assert not Visit.objects.exists()
    assert fresh(prospect).status == "prospect"


def test_stale_version_is_refused(make_client, salesperson):
    client = make_client("revisited")
    with pytest.raises(services.StaleVersion):
        services.client_start_closing(
            client=client, by=salesperson, expected_version=client.version - 1 + 5
        )
    assert fresh(client).status == "revisited"


def test_plan_revisit_due_cannot_be_in_the_past(make_client, analyst, today):
    client = make_client("reported")
    with pytest.raises(services.ServiceError, match="期限"):
        services.client_prepare_plan(
            client=client,
            by=analyst,
            content="x",
            products=[product("R1")],
            revisit_due=today - dt.timedelta(days=1),
        )


def test_duplicate_account_number_is_refused(make_client, salesperson, today):
    a, b = make_client("closing"), make_client("closing")
    services.client_close_won(client=a, by=salesperson, date=today, account_number="888")
    with pytest.raises(services.ServiceError, match="资金账号"):
        services.client_close_won(client=b, by=salesperson, date=today, account_number="888")
    assert fresh(b).status == "closing"


def test_visit_marks_plan_item_and_daily_focus_done(prospect, salesperson, manager, today):
    from plans.models import DailyFocus, VisitPlan, VisitPlanItem

    plan = VisitPlan.objects.create(
        owner=salesperson,
        team=salesperson.team,
        horizon="day",
        period_start=today,
        period_end=today,
    )
    item = VisitPlanItem.objects.create(plan=plan, date=today, client=prospect, purpose="first")
    focus = DailyFocus.objects.create(
        team=salesperson.team,
        salesperson=salesperson,
        client=prospect,
        date=today,
        instruction="务必见面",
        assigned_by=manager,
    )
    v = visit(prospect, salesperson, "first", today)
    item.refresh_from_db()
    focus.refresh_from_db()
    assert item.visit == v
    assert focus.visit == v


def test_client_info_edit_is_recorded_in_history(make_client, salesperson):
    client = make_client("visited")
    services.client_update_info(
        client=client, by=salesperson, expected_version=client.version, phone="13900000000"
    )
    client = fresh(client)
    assert client.phone == "13900000000"
    assert client.history.count() >= 2
