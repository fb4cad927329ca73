"""Who may act on which client: the rule in visits.rules, the 404/403 split, the action day."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_fsm_log.models import StateLog

from visits import rules, services
from visits.models import Client, ClosingAttempt, Visit

pytestmark = pytest.mark.django_db


def fresh(client):
    return Client.objects.get(pk=client.pk)


def post_action(c, client, name, data):
    payload = {f"{name}-{k}": v for k, v in data.items()}
    payload[f"{name}-version"] = client.version
    return c.post(reverse("visits:client_action", args=[client.pk, name]), payload)


def test_salesperson_cannot_close_another_salespersons_client(client_as, make_client, salesperson2):
    c = make_client("closing")
    response = post_action(
        client_as(salesperson2), c, "close_lost", {"reason": "fees", "notes": "费率"}
    )
    assert response.status_code == 404
    assert fresh(c).status == "closing"
    assert not StateLog.objects.exists()


def test_office_is_refused_every_action(client_as, make_client, office):
    c = make_client("closing")
    response = post_action(client_as(office), c, "drop", {"reason": "x"})
    assert response.status_code == 403
    assert fresh(c).status == "closing"


@pytest.mark.parametrize(
    ("status", "role", "expected"),
    [
        ("prospect", "salesperson", ["log_visit", "drop", "edit_info"]),
        ("visited", "analyst", ["analyze_needs"]),
        ("visited", "salesperson", ["log_visit", "drop", "edit_info"]),
        ("needs_analyzed", "salesperson", ["log_visit", "report_to_manager", "drop", "edit_info"]),
        ("reported", "analyst", ["prepare_plan"]),
        ("revisited", "salesperson", ["log_visit", "start_closing", "drop", "edit_info"]),
        ("closing", "analyst", []),
        ("closing", "salesperson", ["log_visit", "close_won", "close_lost", "drop", "edit_info"]),
        ("funded", "salesperson", ["log_visit", "record_deposit", "edit_info"]),
        ("dropped", "salesperson", ["edit_info"]),
        ("dropped", "manager", ["reactivate", "edit_info"]),
        ("reported", "manager", ["log_visit", "prepare_plan", "drop", "edit_info"]),
    ],
)
def test_allowed_actions_follow_role_and_state(
    make_client, salesperson, analyst, manager, status, role, expected
):
    user = {"salesperson": salesperson, "analyst": analyst, "manager": manager}[role]
    assert rules.allowed_actions(user, make_client(status)) == expected


def test_no_actions_for_other_team_or_other_salesperson(
    make_client, salesperson2, other_manager, other_analyst
):
    c = make_client("closing")
    for user in (salesperson2, other_manager, other_analyst):
        assert rules.allowed_actions(user, c) == []


def test_action_day_in_the_future_is_refused(make_client, salesperson, today):
    c = make_client("revisited")
    with pytest.raises(services.ServiceError, match="不能晚于今天"):
        services.client_start_closing(client=c, by=salesperson, on=today + dt.timedelta(days=1))
    assert fresh(c).status == "revisited"
    assert not ClosingAttempt.objects.exists()


def test_backdated_start_closing_records_the_day(make_client, salesperson, today):
    c = make_client("revisited")
    day = today - dt.timedelta(days=3)
    attempt = services.client_start_closing(client=c, by=salesperson, on=day)
    assert attempt.started_on == day
    assert attempt.outcome == "open"


def test_close_lost_revisit_deadline_cannot_precede_the_failure(make_client, salesperson, today):
    c = make_client("closing")
    with pytest.raises(services.ServiceError, match="再次拜访期限不能早于促单失败的日期") as err:
        services.client_close_lost(
            client=c,
            by=salesperson,
            reason="fees",
            notes="费率偏高",
            revisit_due=today - dt.timedelta(days=1),
        )
    assert err.value.field == "revisit_due"
    assert fresh(c).status == "closing"


def test_record_first_visit_refused_for_a_client_already_visited(make_client, salesperson, today):
    c = make_client("visited")
    with pytest.raises(services.ServiceError, match="不能记录初访"):
        services.client_record_first_visit(
            client=c, by=salesperson, date=today, kind="onsite", summary="面谈"
        )
    assert not Visit.objects.exists()


def test_record_revisit_moves_failed_client_back_to_revisited(make_client, salesperson, today):
    c = make_client("failed", revisit_due=today)
    visit = services.client_record_revisit(
        client=c, by=salesperson, date=today, kind="invited", summary="再次拜访"
    )
    assert visit.purpose == "after_failure"
    assert fresh(c).status == "revisited"
    assert fresh(c).revisit_due is None


def test_service_visit_to_plan_ready_client_is_not_a_revisit_unless_its_purpose_says_so(
    make_client, salesperson, today
):
    c = make_client("plan_ready", revisit_due=today)
    services.visit_log(
        client=c, by=salesperson, date=today, kind="onsite", purpose="service", summary="电话"
    )
    assert fresh(c).status == "plan_ready"
    with pytest.raises(services.ServiceError, match="当前状态为「方案已制定」，不能记录初访"):
        services.client_record_first_visit(
            client=c, by=salesperson, date=today, kind="onsite", summary="面谈"
        )


def test_log_visit_page_moves_plan_ready_client_to_revisited(
    client_as, make_client, salesperson, today
):
    c = make_client("plan_ready", revisit_due=today)
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "client": c.pk,
            "date": today.isoformat(),
            "kind": "onsite",
            "purpose": "plan_revisit",
            "summary": "带方案回访",
        },
    )
    assert response.status_code == 302
    assert fresh(c).status == "revisited"
    log = StateLog.objects.for_(c).get()
    assert (log.source_state, log.state, log.by_id) == ("plan_ready", "revisited", salesperson.pk)


def test_log_visit_page_suggests_purpose_for_chosen_client(client_as, make_client, salesperson):
    c = make_client("failed")
    body = client_as(salesperson).get(reverse("visits:visit_log") + f"?client={c.pk}")
    assert body.status_code == 200
    assert 'value="after_failure" selected' in body.content.decode()


def test_log_visit_page_for_other_salespersons_client_is_404(client_as, make_client, salesperson2):
    c = make_client("plan_ready")
    assert (
        client_as(salesperson2).get(reverse("visits:visit_log") + f"?client={c.pk}").status_code
        == 404
    )


def test_non_number_amount_is_a_field_error_in_the_needs_form(client_as, make_client, analyst):
    c = make_client("visited")
    response = post_action(
        client_as(analyst),
        c,
        "analyze_needs",
        {
            "investment_experience": "基金",
            "investment_needs": "稳健",
            "risk_preference": "moderate",
            "intended_funds": "十万",
        },
    )
    assert response.status_code == 400
    assert "请输入数字金额，例如 10000" in response.content.decode()
    assert fresh(c).status == "visited"


def test_deposit_service_refuses_zero(make_client, salesperson, today):
    c = make_client("funded")
    with pytest.raises(services.ServiceError, match="入金金额必须大于零") as err:
        services.client_record_deposit(client=c, by=salesperson, date=today, amount=Decimal("0"))
    assert err.value.field == "amount"
