"""Report 7's 风险等级 / 评估有效期 / 适当性 columns, the home pages' expiring assessments."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.definitions import REPORTS
from reports.queries import ReportScope
from salesops.periods import Period
from suitability import queries, services
from tests.visits.factories import ClientFactory
from visits import services as visits_services
from visits.models import InvestmentPlan

from .factories import assess, product

pytestmark = pytest.mark.django_db


def rows(manager, today):
    period = Period.month_of(today)
    return {r["name"]: r for r in REPORTS["target-clients"].query(ReportScope(manager), period)}


def test_report_7_columns(salesperson, analyst, manager, today, due):
    titles = [c.title for c in REPORTS["target-clients"].columns]
    assert titles[titles.index("风险偏好") + 1 : titles.index("风险偏好") + 4] == [
        "风险等级",
        "评估有效期",
        "适当性",
    ]
    ClientFactory(salesperson=salesperson, name="未评估客户", risk_preference="growth")
    old = ClientFactory(salesperson=salesperson, name="旧方案客户")
    InvestmentPlan.objects.create(client=old, analyst=analyst, content="旧", risk_level="R2")
    matched = ClientFactory(salesperson=salesperson, name="匹配客户", status="reported")
    a = assess(matched, "C4")
    visits_services.client_prepare_plan(
        client=matched, by=analyst, content="方案", products=[product("R4")], revisit_due=due
    )
    insisted = ClientFactory(salesperson=salesperson, name="坚持客户", status="reported")
    assess(insisted, "C1")
    plan = visits_services.client_prepare_plan(
        client=insisted,
        by=analyst,
        content="方案",
        products=[product("R3")],
        revisit_due=due,
        insistence="坚持",
        risk_warning_signed_on=today,
    )
    got = rows(manager, today)
    assert (got["未评估客户"]["risk"], got["未评估客户"]["assessment_level"]) == (
        "成长型",
        "未评估",
    )
    assert got["未评估客户"]["suitability"] == "—"
    assert got["旧方案客户"]["suitability"] == "未核对（旧方案）"
    assert got["匹配客户"]["assessment_level"] == "C4 成长型"
    assert got["匹配客户"]["assessment_valid"] == a.valid_until
    assert got["匹配客户"]["suitability"] == "匹配"
    assert got["坚持客户"]["suitability"] == "待经理审批"
    s = plan.suitability
    services.plan_approve(suitability=s, by=manager, expected_version=s.version)
    assert rows(manager, today)["坚持客户"]["suitability"] == "坚持购买·经理已批准"


def test_expiring_assessments_on_the_home_pages(
    client_as, salesperson, salesperson2, analyst, manager, today
):
    soon = ClientFactory(salesperson=salesperson, name="将到期客户")
    assess(soon, "C2", valid_until=today + dt.timedelta(days=10))
    gone = ClientFactory(salesperson=salesperson, name="已过期客户")
    assess(gone, "C2", valid_until=today - dt.timedelta(days=1))
    later = ClientFactory(salesperson=salesperson, name="远未到期客户")
    assess(later, "C2")
    theirs = ClientFactory(salesperson=salesperson2, name="同事客户")
    assess(theirs, "C2", valid_until=today + dt.timedelta(days=3))
    names = [c.name for c in queries.expiring_assessments(salesperson, today)]
    assert names == ["已过期客户", "将到期客户"]
    assert [c.name for c in queries.expiring_assessments(manager, today)] == [
        "已过期客户",
        "同事客户",
        "将到期客户",
    ]
    for user in (salesperson, analyst, manager):
        body = client_as(user).get(reverse("home")).content.decode()
        assert "将到期客户" in body and "已过期客户" in body and "远未到期客户" not in body
