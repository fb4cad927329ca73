"""Every transition of a proposal, and every refusal (nothing changed)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django_fsm_log.models import StateLog

from plans.models import MonthlySalesPlan
from plans.services import task_assign
from proposals import rules, services
from proposals.models import Proposal
from proposals.queries import basis_for, completion, home_context
from salesops.periods import Period
from salesops.services import ServiceError, StaleVersion, clock_at
from tests.plans.factories import month_ready
from tests.visits.factories import ClientFactory, VisitFactory
from visits.models import AccountOpening, Deposit

pytestmark = pytest.mark.django_db


def snapshot(p):
    return model_to_dict(Proposal.objects.get(pk=p.pk))


def test_the_whole_cycle_is_logged(make_proposal, manager, leader):
    p = make_proposal()
    assert p.status == "draft" and p.proposed_by == manager
    p = services.proposal_submit(proposal=p, by=manager, expected_version=p.version)
    assert p.status == "submitted" and p.submitted_at
    p = services.proposal_reject(
        proposal=p, by=leader, reason="金额偏高", expected_version=p.version
    )
    assert (p.status, p.reject_reason, p.decided_by) == ("rejected", "金额偏高", leader)
    p = services.proposal_revise(proposal=p, by=manager, expected_version=p.version)
    assert p.status == "draft"
    p = services.proposal_update(
        proposal=p,
        by=manager,
        expected_version=p.version,
        person=p.person,
        kind="reward",
        reason="超额完成入金任务",
        amount=Decimal("500"),
        unit="yuan",
        basis="本月入金完成 120%",
    )
    p = services.proposal_submit(proposal=p, by=manager, expected_version=p.version)
    p = services.proposal_approve(proposal=p, by=leader, expected_version=p.version)
    p = Proposal.objects.get(pk=p.pk)
    assert (p.status, p.amount, p.decided_by, p.reject_reason) == (
        "approved",
        Decimal("500.00"),
        leader,
        "",
    )
    log = list(StateLog.objects.for_(p).order_by("timestamp", "pk").values_list("state", "by"))
    assert log == [
        ("submitted", manager.pk),
        ("rejected", leader.pk),
        ("draft", manager.pk),
        ("submitted", manager.pk),
        ("approved", leader.pk),
    ]
    assert p.history.count() >= 2  # the edit is in the record's history


def test_points_and_penalties(make_proposal):
    p = make_proposal(kind="penalty", unit="points", amount=Decimal("5"))
    assert (p.kind, p.unit, p.amount) == ("penalty", "points", Decimal("5.00"))


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reason": "  "}, "reason", "请填写奖惩事由"),
        ({"reason": "长" * 2001}, "reason", "事由最多 2000 字"),
        ({"amount": Decimal("0")}, "amount", "数额必须大于零"),
        ({"amount": Decimal("-3")}, "amount", "数额必须大于零"),
        ({"amount": None}, "amount", "请填写数额"),
        ({"amount": Decimal("1000000000")}, "amount", "数额过大"),
        ({"kind": "bonus"}, "kind", "请选择奖励或惩罚"),
        ({"unit": "usd"}, "unit", "请选择数额的单位"),
    ],
)
def test_create_refusals_create_nothing(make_proposal, fields, field, message):
    with pytest.raises(ServiceError, match=message) as exc:
        make_proposal(**fields)
    assert exc.value.field == field
    assert not Proposal.objects.exists()


def test_a_proposal_for_someone_outside_the_team_is_refused(
    make_proposal, other_salesperson, analyst
):
    for person in (other_salesperson, analyst):
        with pytest.raises(ServiceError, match="只能为本团队在职的营销人员提出奖惩建议") as exc:
            make_proposal(person=person)
        assert exc.value.field == "person"
    assert not Proposal.objects.exists()


def test_only_the_teams_manager_proposes(make_proposal, other_manager, leader, salesperson, team):
    for someone in (other_manager, leader, salesperson):
        with pytest.raises(PermissionDenied):
            make_proposal(by=someone)
    assert not Proposal.objects.exists()


def test_a_manager_cannot_decide(make_proposal, manager, other_manager):
    p = make_proposal("submitted")
    before = snapshot(p)
    for someone in (manager, other_manager):
        with pytest.raises(PermissionDenied):
            services.proposal_approve(proposal=p, by=someone, expected_version=p.version)
        with pytest.raises(PermissionDenied):
            services.proposal_reject(
                proposal=p, by=someone, reason="不同意", expected_version=p.version
            )
    assert snapshot(p) == before


def test_a_rejection_needs_a_reason(make_proposal, leader):
    p = make_proposal("submitted")
    before = snapshot(p)
    with pytest.raises(ServiceError, match="驳回时必须填写原因") as exc:
        services.proposal_reject(proposal=p, by=leader, reason=" ", expected_version=p.version)
    assert exc.value.field == "reason"
    assert snapshot(p) == before


@pytest.mark.parametrize("first", ["approved", "rejected"])
def test_a_second_decision_is_refused(make_proposal, leader, first):
    p = make_proposal(first)
    before = snapshot(p)
    with pytest.raises(ServiceError, match=f"当前状态为「{p.get_status_display()}」，不能审批"):
        services.proposal_approve(proposal=p, by=leader, expected_version=p.version)
    with pytest.raises(ServiceError, match=f"当前状态为「{p.get_status_display()}」，不能审批"):
        services.proposal_reject(proposal=p, by=leader, reason="再驳", expected_version=p.version)
    assert snapshot(p) == before


def test_an_approved_proposal_is_fixed(make_proposal, manager, salesperson):
    p = make_proposal("approved")
    before = snapshot(p)
    with pytest.raises(ServiceError, match="只有草稿状态的奖惩建议可以修改"):
        services.proposal_update(
            proposal=p,
            by=manager,
            expected_version=p.version,
            person=salesperson,
            kind="penalty",
            reason="改",
            amount=Decimal("1"),
        )
    with pytest.raises(ServiceError, match="当前状态为「已批准」，不能修改"):
        services.proposal_revise(proposal=p, by=manager, expected_version=p.version)
    with pytest.raises(ServiceError, match="当前状态为「已批准」，不能提交"):
        services.proposal_submit(proposal=p, by=manager, expected_version=p.version)
    assert snapshot(p) == before


def test_a_stale_version_is_refused(make_proposal, manager, leader):
    p = make_proposal("submitted")
    before = snapshot(p)
    with pytest.raises(StaleVersion):
        services.proposal_approve(proposal=p, by=leader, expected_version=p.version - 1)
    assert snapshot(p) == before
    draft = make_proposal()
    before = snapshot(draft)
    with pytest.raises(StaleVersion):
        services.proposal_submit(proposal=draft, by=manager, expected_version=draft.version + 1)
    assert snapshot(draft) == before


def test_an_edit_for_someone_outside_the_team_or_without_reason_changes_nothing(
    make_proposal, manager, other_salesperson, salesperson
):
    p = make_proposal()
    before = snapshot(p)
    for person, reason, amount, message in (
        (other_salesperson, "x", Decimal("1"), "只能为本团队在职的营销人员提出奖惩建议"),
        (salesperson, "", Decimal("1"), "请填写奖惩事由"),
        (salesperson, "x", Decimal("1e9"), "数额过大，请核对（须小于 10 亿）"),
    ):
        with pytest.raises(ServiceError, match=message):
            services.proposal_update(
                proposal=p,
                by=manager,
                expected_version=p.version,
                person=person,
                kind="reward",
                reason=reason,
                amount=amount,
            )
    assert snapshot(p) == before


def test_rules_for_buttons(make_proposal, manager, other_manager, leader):
    draft, submitted, rejected = (make_proposal(s) for s in ("draft", "submitted", "rejected"))
    assert rules.can_submit(manager, draft) and not rules.can_submit(other_manager, draft)
    assert rules.can_decide(leader, submitted) and not rules.can_decide(manager, submitted)
    assert not rules.can_decide(leader, draft)
    assert rules.can_revise(manager, rejected) and not rules.can_revise(leader, rejected)


# --- the basis: targets, completion to date, reward plan ------------------------------------------


def test_basis_counts_the_month_to_date_as_the_reports_do(manager, salesperson, salesperson2):
    """Hand count, month of 2026-11 seen on 2026-11-16 (11 working days of 21 elapsed):
    visits: 3 of salesperson's dated 11-02, 11-10, 11-16 count; 10-30 (last month) and 11-20
    (after today) do not → 3; new clients registered in November → 2 (the two made below);
    accounts opened in November → 1; deposits 30,000 + 20,000 = 50,000 of a target of 100,000 →
    50 %; salesperson2's visit does not count."""
    today = dt.date(2026, 11, 16)
    at = dt.datetime(2026, 11, 16, 9, 0, tzinfo=dt.UTC)
    with clock_at(at):
        month_ready(manager, today)
        task_assign(
            manager=manager,
            salesperson=salesperson,
            month=today,
            target_visits=20,
            target_new_clients=5,
            target_accounts=2,
            target_deposit_amount=Decimal("100000"),
        )
    MonthlySalesPlan.objects.filter(team=manager.team, month=dt.date(2026, 11, 1)).update(
        reward_plan="入金完成率 100% 以上奖励 500 元", reported_at=None
    )
    a = ClientFactory(salesperson=salesperson, status="funded")
    b = ClientFactory(salesperson=salesperson)
    for c in (a, b):
        c.created_at = dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC)
        c.save(update_fields=["created_at"])
    for day in (dt.date(2026, 10, 30), dt.date(2026, 11, 2), dt.date(2026, 11, 10)):
        VisitFactory(client=a, date=day)
    VisitFactory(client=b, date=dt.date(2026, 11, 16))
    VisitFactory(client=b, date=dt.date(2026, 11, 20))
    VisitFactory(client=ClientFactory(salesperson=salesperson2), date=dt.date(2026, 11, 5))
    AccountOpening.objects.create(
        client=a, date=dt.date(2026, 11, 10), account_number="A1", recorded_by=salesperson
    )
    Deposit.objects.create(
        client=a, date=dt.date(2026, 11, 11), amount=Decimal("30000"), recorded_by=salesperson
    )
    Deposit.objects.create(
        client=a, date=dt.date(2026, 11, 12), amount=Decimal("20000"), recorded_by=salesperson
    )
    Deposit.objects.create(
        client=a, date=dt.date(2026, 11, 20), amount=Decimal("99999"), recorded_by=salesperson
    )
    month = Period.month_of(today)
    with clock_at(at):
        c = completion(salesperson, month, manager)
        text = basis_for(salesperson, month, manager)
    assert (c["visits"], c["new_clients"], c["accounts"], c["deposits"]) == (
        3,
        2,
        1,
        Decimal("50000"),
    )
    assert c["deposit_rate"] == Decimal("0.5")
    assert "截至 2026-11-16" in text
    assert "客户拜访 3/20 次" in text and "新增客户 2/5 名" in text and "开户 1/2 户" in text
    assert "入金 50,000.00/100,000.00 元（完成 50%）" in text
    assert "奖励方案：入金完成率 100% 以上奖励 500 元" in text


def test_a_blank_basis_is_prefilled_and_a_written_one_kept(make_proposal):
    assert "本月未分配销售任务" in make_proposal().basis
    assert make_proposal(basis="  自己写的依据 ").basis == "自己写的依据"


def test_home_context(make_proposal, manager, leader, other_manager):
    submitted = make_proposal("submitted")
    rejected = make_proposal("rejected")
    approved = make_proposal("approved")
    make_proposal()  # a draft: on neither list
    ctx = home_context(leader)
    assert ctx["proposals_waiting_count"] == 1 and ctx["proposals_waiting"] == [submitted]
    assert set(home_context(manager)["proposals_decided"]) == {rejected, approved}
    assert home_context(other_manager)["proposals_decided"] == []
