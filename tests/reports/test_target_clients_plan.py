"""Report 7's 投资方案 column: a plan the client insisted on, waiting for the manager's suitability
decision at the month's end, is 待审批 — not 已制定 — in the rows, the HTML page, the .xlsx and the
PDF, in a constant number of queries. Hand-made rows; November 2026 is closed (the reports' clock)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from reports.definitions import REPORTS
from reports.queries import ReportScope
from salesops.periods import Period
from suitability.demo import ensure_questionnaire
from suitability.models import PlanSuitability, RiskAssessment, Verdict
from tests.visits.factories import ClientFactory
from visits.models import Client, InvestmentPlan

from .conftest import at
from .test_period_rules import three_forms, xlsx_row

pytestmark = pytest.mark.django_db
D = dt.date
NOV = Period.parse("2026-11")


def client_with_plan(name, salesperson, analyst, *, level, verdict, made, decided=None):
    """A client registered on 11-02, assessed C2 on 11-03, with an ``level`` plan made on ``made``
    whose suitability is ``verdict`` (None: a plan from before suitability was checked)."""
    c = ClientFactory(salesperson=salesperson, name=name, status="reported")
    Client.objects.filter(pk=c.pk).update(created_at=at(D(2026, 11, 2)))
    assessment = RiskAssessment.objects.create(
        client=c,
        questionnaire=ensure_questionnaire(),
        answers=[],
        score=0,
        level="C2",
        investor_class="ordinary",
        assessed_by=analyst,
        assessed_at=at(D(2026, 11, 3)),
        valid_until=D(2027, 11, 2),
    )
    plan = InvestmentPlan.objects.create(
        client=c, analyst=analyst, content="方案", risk_level=level
    )
    InvestmentPlan.objects.filter(pk=plan.pk).update(created_at=at(made))
    if verdict is not None:
        PlanSuitability.objects.create(
            plan=plan,
            client=c,
            assessment=assessment,
            client_level="C2",
            plan_level=level,
            verdict=verdict,
            insistence="客户坚持购买" if verdict != Verdict.MATCHED else "",
            recorded_by=analyst,
            recorded_at=at(made),
            decided_by=analyst.team.manager if decided else None,
            decided_at=at(decided) if decided else None,
        )
    return c


@pytest.fixture
def plans(salesperson, analyst):
    client_with_plan(
        "等待客户", salesperson, analyst, level="R4", verdict=Verdict.PENDING, made=D(2026, 11, 10)
    )
    # approved on 12-02: at November's end it was still waiting for the manager
    client_with_plan(
        "月后批准客户",
        salesperson,
        analyst,
        level="R3",
        verdict=Verdict.APPROVED,
        made=D(2026, 11, 12),
        decided=D(2026, 12, 2),
    )
    client_with_plan(
        "月内批准客户",
        salesperson,
        analyst,
        level="R3",
        verdict=Verdict.APPROVED,
        made=D(2026, 11, 12),
        decided=D(2026, 11, 20),
    )
    client_with_plan(
        "匹配客户", salesperson, analyst, level="R2", verdict=Verdict.MATCHED, made=D(2026, 11, 14)
    )
    client_with_plan(
        "旧方案客户", salesperson, analyst, level="R1", verdict=None, made=D(2026, 11, 6)
    )
    c = ClientFactory(salesperson=salesperson, name="无方案客户", status="reported")
    Client.objects.filter(pk=c.pk).update(created_at=at(D(2026, 11, 2)))


def plan_cells(user):
    return {r["name"]: r["plan"] for r in REPORTS["target-clients"].query(ReportScope(user), NOV)}


def test_a_waiting_plan_is_awaiting_approval_not_made(plans, manager):
    assert plan_cells(manager) == {
        "等待客户": "待审批（R4）",
        "月后批准客户": "待审批（R3）",
        "月内批准客户": "已制定（R3）",
        "匹配客户": "已制定（R2）",
        "旧方案客户": "已制定（R1）",
        "无方案客户": "未制定",
    }
    with translation.override("en"):
        assert plan_cells(manager)["等待客户"] == "Awaiting approval (R4)"


def test_the_three_forms_say_the_same(plans, client_as, manager):
    page, values, pdf = three_forms(client_as(manager), "target-clients", "2026-11")
    head = next(i for i, v in enumerate(values) if v[0] == "客户姓名")
    column = list(values[head]).index("投资方案")
    assert xlsx_row(values, "等待客户")[column] == "待审批（R4）"
    assert xlsx_row(values, "月后批准客户")[column] == "待审批（R3）"
    assert xlsx_row(values, "匹配客户")[column] == "已制定（R2）"
    for text in (page, pdf):
        assert "待审批（R4）" in text and "待审批（R3）" in text
        assert "已制定（R4）" not in text


def test_waiting_plans_keep_the_query_count(salesperson, analyst, manager):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            list(REPORTS["target-clients"].query(ReportScope(manager), NOV))
        return len(ctx.captured_queries)

    client_with_plan("甲", salesperson, analyst, level="R4", verdict="pending", made=D(2026, 11, 9))
    count()  # warm: the manager's teams are looked up once per user object
    before = count()
    for n in range(3):
        client_with_plan(
            f"乙{n}", salesperson, analyst, level="R5", verdict="pending", made=D(2026, 11, 9)
        )
    assert count() == before
