"""Assessments and the plan's suitability check through the services: the allowed paths, the
insistence path with the manager's approval, and every refusal (nothing changed)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django_fsm_log.models import StateLog

from salesops.services import ServiceError, StaleVersion
from suitability import services
from suitability.models import PlanSuitability, Questionnaire, RiskAssessment
from tests.visits.factories import ClientFactory
from visits import queries as visits_queries
from visits import services as visits_services
from visits.models import Client, InvestmentPlan

from .factories import assess, product

pytestmark = pytest.mark.django_db


def fresh(client):
    return Client.objects.get(pk=client.pk)


def answers_scoring(points_each: int):
    """Every question of the default questionnaire answered with its choice worth ``points_each``."""
    questionnaire = Questionnaire.objects.get(is_active=True)
    return {q.pk: q.choices.get(score=points_each).pk for q in questionnaire.questions.all()}


def prepare(client, by, products, due, **extra):
    return visits_services.client_prepare_plan(
        client=fresh(client),
        by=by,
        content="资产配置方案",
        products=products,
        revisit_due=due,
        **extra,
    )


# --- assessments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "level"), [(1, "C1"), (2, "C2"), (3, "C3"), (4, "C4"), (5, "C5")]
)
def test_assessment_scores_into_a_level_valid_for_a_year(reported, analyst, today, points, level):
    a = services.assessment_record(
        client=reported, by=analyst, answers=answers_scoring(points), investor_class="ordinary"
    )
    assert (a.score, a.level, a.assessed_by) == (8 * points, level, analyst)
    assert a.valid_until == today.replace(year=today.year + 1) - dt.timedelta(days=1) or (
        today.month == 2 and today.day == 29
    )
    assert len(a.answers) == 8 and a.answers[0]["score"] == points


def test_unanswered_questions_are_refused_and_nothing_is_saved(reported, salesperson):
    answers = answers_scoring(3)
    first, third = list(answers)[0], list(answers)[2]
    answers[first] = None
    del answers[third]
    with pytest.raises(ServiceError, match="第 1、3 题未作答"):
        services.assessment_record(
            client=reported, by=salesperson, answers=answers, investor_class="ordinary"
        )
    assert not RiskAssessment.objects.exists()


def test_a_choice_of_another_question_counts_as_unanswered(reported, salesperson):
    answers = answers_scoring(3)
    ids = list(answers)
    answers[ids[0]] = answers[ids[1]]
    with pytest.raises(ServiceError, match="第 1 题未作答"):
        services.assessment_record(
            client=reported, by=salesperson, answers=answers, investor_class="ordinary"
        )


def test_the_old_risk_preference_is_kept(reported, salesperson):
    Client.objects.filter(pk=reported.pk).update(risk_preference="moderate")
    a = services.assessment_record(
        client=fresh(reported),
        by=salesperson,
        answers=answers_scoring(4),
        investor_class="professional",
    )
    assert a.previous_preference == "稳健型"
    assert fresh(reported).risk_preference == "moderate"  # never dropped
    assert a.get_investor_class_display() == "专业投资者"


def test_who_may_assess(reported, salesperson2, office, leader, other_manager, manager):
    for outsider in (salesperson2, office, leader, other_manager):
        with pytest.raises(PermissionDenied):
            services.assessment_record(
                client=reported, by=outsider, answers=answers_scoring(3), investor_class="ordinary"
            )
    services.assessment_record(
        client=reported, by=manager, answers=answers_scoring(3), investor_class="ordinary"
    )


# --- the plan's check --------------------------------------------------------------------------


def test_a_matching_plan_moves_the_client_on(reported, analyst, due):
    assess(reported, "C3")
    plan = prepare(reported, analyst, [product("R2", "债券基金"), product("R3", "混合基金")], due)
    assert fresh(reported).status == "plan_ready"
    assert plan.risk_level == "R3" and plan.products == "债券基金、混合基金"
    assert plan.suitability.verdict == "matched"
    assert plan.suitability.client_level == "C3"


@pytest.mark.parametrize(
    ("setup", "products", "message"),
    [
        ("none", ["R1"], "尚未做风险承受能力评估"),
        ("expired", ["R1"], "已于"),
        ("C3", [], "请从产品目录中选择"),
        ("C3", ["R4"], "高于客户的风险承受能力等级"),
        ("C3", ["R2", "R5"], "「R5产品（R5）」"),
        ("C3", ["inactive"], "已停售"),
    ],
)
def test_refusals_change_nothing(reported, analyst, due, today, setup, products, message):
    if setup == "expired":
        assess(reported, "C5", valid_until=today - dt.timedelta(days=1))
    elif setup != "none":
        assess(reported, setup)
    chosen = []
    for level in products:
        if level == "inactive":
            p = product("R1")
            p.is_active = False
            p.save()
            chosen.append(p)
        else:
            chosen.append(product(level))
    version = fresh(reported).version
    with pytest.raises(ServiceError, match=message):
        prepare(reported, analyst, chosen, due)
    assert fresh(reported).status == "reported" and fresh(reported).version == version
    assert not InvestmentPlan.objects.exists() and not PlanSuitability.objects.exists()


@pytest.mark.parametrize(
    ("insistence", "signed"), [("客户坚持购买", None), ("", "today"), ("   ", "today")]
)
def test_insistence_needs_both_the_text_and_the_signed_warning(
    reported, analyst, due, today, insistence, signed
):
    assess(reported, "C3")
    with pytest.raises(ServiceError, match="书面坚持意见"):
        prepare(
            reported,
            analyst,
            [product("R4")],
            due,
            insistence=insistence,
            risk_warning_signed_on=today if signed else None,
        )
    assert not InvestmentPlan.objects.exists()


def test_the_insistence_path_waits_for_the_manager_who_approves(
    reported, analyst, manager, due, today
):
    assess(reported, "C3")
    plan = prepare(
        reported,
        analyst,
        [product("R4", "成长股票基金")],
        due,
        insistence="本人了解该产品风险高于本人风险承受能力，坚持购买。",
        risk_warning_signed_on=today,
    )
    s = plan.suitability
    assert (s.verdict, s.client_level, s.plan_level, s.revisit_due) == ("pending", "C3", "R4", due)
    assert fresh(reported).status == "reported"  # not presented until approved
    # a second plan while one waits is refused
    with pytest.raises(ServiceError, match="等待经理"):
        prepare(reported, analyst, [product("R1")], due)
    services.plan_approve(suitability=s, by=manager, comment="同意", expected_version=s.version)
    s.refresh_from_db()
    assert (s.verdict, s.decided_by, s.decision_comment) == ("approved", manager, "同意")
    client = fresh(reported)
    assert client.status == "plan_ready" and client.revisit_due == due
    log = StateLog.objects.for_(client).get(transition="prepare_plan")
    assert log.by == manager and "适当性审批通过" in log.description
    kinds = [
        e.get("sub") for e in visits_queries.client_timeline(client) if e["kind"] == "suitability"
    ]
    assert sorted(kinds) == ["assessment", "decision", "insistence"]
    # decided once: a replay is stale, nothing changes
    with pytest.raises(StaleVersion):
        services.plan_approve(suitability=s, by=manager, expected_version=s.version)


def test_the_manager_may_refuse_and_a_new_plan_follows(reported, analyst, manager, due, today):
    assess(reported, "C2")
    plan = prepare(
        reported, analyst, [product("R3")], due, insistence="坚持", risk_warning_signed_on=today
    )
    s = plan.suitability
    with pytest.raises(ServiceError, match="理由"):
        services.plan_reject(suitability=s, by=manager, comment=" ", expected_version=s.version)
    services.plan_reject(suitability=s, by=manager, comment="风险过高", expected_version=s.version)
    s.refresh_from_db()
    assert s.verdict == "rejected" and fresh(reported).status == "reported"
    prepare(reported, analyst, [product("R2")], due)
    assert fresh(reported).status == "plan_ready"


def test_only_the_teams_manager_decides(
    reported, analyst, salesperson, other_manager, leader, due, today
):
    assess(reported, "C1")
    s = prepare(
        reported, analyst, [product("R2")], due, insistence="坚持", risk_warning_signed_on=today
    ).suitability
    for person in (salesperson, analyst, other_manager, leader):
        with pytest.raises(PermissionDenied):
            services.plan_approve(suitability=s, by=person, expected_version=s.version)
    s.refresh_from_db()
    assert s.verdict == "pending"


def test_a_signed_warning_in_the_future_is_refused(reported, analyst, due, today):
    assess(reported, "C1")
    with pytest.raises(ServiceError, match="签署日期"):
        prepare(
            reported,
            analyst,
            [product("R2")],
            due,
            insistence="坚持",
            risk_warning_signed_on=today + dt.timedelta(days=1),
        )


def test_an_assessment_expired_meanwhile_is_not_approved(reported, analyst, manager, due, today):
    a = assess(reported, "C1")
    s = prepare(
        reported, analyst, [product("R2")], due, insistence="坚持", risk_warning_signed_on=today
    ).suitability
    RiskAssessment.objects.filter(pk=a.pk).update(valid_until=today - dt.timedelta(days=1))
    with pytest.raises(ServiceError, match="已过期"):
        services.plan_approve(suitability=s, by=manager, expected_version=s.version)
    s.refresh_from_db()
    assert s.verdict == "pending" and fresh(reported).status == "reported"


@pytest.mark.parametrize("status", ["plan_ready", "needs_analyzed", "closing"])
def test_no_plan_for_a_client_not_reported_not_even_one_for_the_manager(
    salesperson, analyst, due, today, status
):
    # a plan recorded for the manager could never be approved (plan_approve wants 已上报经理)
    client = ClientFactory(salesperson=salesperson, status=status)
    assess(client, "C1")
    with pytest.raises(ServiceError, match="不能制定投资方案"):
        prepare(
            client, analyst, [product("R3")], due, insistence="坚持", risk_warning_signed_on=today
        )
    assert not InvestmentPlan.objects.exists() and not PlanSuitability.objects.exists()
    assert fresh(client).status == status


def test_a_manager_never_decides_the_exception_he_recorded_the_leader_does(
    reported, manager, analyst, leader, due, today, client_as
):
    """Four eyes (docs/design.md §Four eyes): the manager's own above-level plan goes to the
    leader; the manager cannot approve it, not by the service and not by the page."""
    assess(reported, "C2")
    s = prepare(
        reported, manager, [product("R4")], due, insistence="坚持", risk_warning_signed_on=today
    ).suitability
    assert s.recorded_by == manager
    with pytest.raises(PermissionDenied):
        services.plan_approve(suitability=s, by=manager, expected_version=s.version)
    response = client_as(manager).post(
        f"/suitability/plans/{s.pk}/approve/", {"version": s.version, "comment": ""}
    )
    assert response.status_code == 403
    page = client_as(manager).get("/suitability/approvals/").content.decode()
    assert "等待主管领导审批" in page and f"/suitability/plans/{s.pk}/approve/" not in page
    s.refresh_from_db()
    assert s.verdict == "pending" and fresh(reported).status == "reported"
    # the leader sees it with the buttons and decides
    assert (
        f"/suitability/plans/{s.pk}/approve/"
        in client_as(leader).get("/suitability/approvals/").content.decode()
    )
    response = client_as(leader).post(
        f"/suitability/plans/{s.pk}/approve/", {"version": s.version, "comment": "同意"}
    )
    assert response.status_code == 302
    s.refresh_from_db()
    assert (s.verdict, s.decided_by) == ("approved", leader)
    assert fresh(reported).status == "plan_ready"


def test_the_leader_does_not_decide_an_analysts_exception(reported, analyst, leader, due, today):
    assess(reported, "C1")
    s = prepare(
        reported, analyst, [product("R2")], due, insistence="坚持", risk_warning_signed_on=today
    ).suitability
    with pytest.raises(PermissionDenied):
        services.plan_reject(suitability=s, by=leader, comment="不行", expected_version=s.version)
    s.refresh_from_db()
    assert s.verdict == "pending"
