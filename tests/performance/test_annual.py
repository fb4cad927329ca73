"""The annual work plan (3.4): the service's rules and refusals, and the year's pace by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from performance import queries
from performance.models import AnnualPlan, AnnualPlanMonth
from performance.services import Targets, annual_plan_save
from salesops.services import ServiceError, StaleVersion

pytestmark = pytest.mark.django_db


def month_targets(visits=10, deposit="1000"):
    return [Targets(visits, 1, 1, Decimal(deposit)) for _ in range(12)]


def save(team, by, year_visits=150, months=None, **kw):
    return annual_plan_save(
        team=team,
        year=2026,
        by=by,
        year_targets=Targets(year_visits, 12, 12, Decimal("12000")),
        months=months or month_targets(),
        **kw,
    )


def snapshot():
    return list(AnnualPlan.objects.values_list("version", "target_visits")), list(
        AnnualPlanMonth.objects.values_list("month", "target_visits")
    )


def test_manager_writes_and_revises_the_plan(team, manager):
    plan = save(team, manager, notes="全年计划")
    assert (plan.version, plan.target_visits, plan.notes) == (1, 150, "全年计划")
    assert list(plan.months.values_list("month", flat=True)) == list(range(1, 13))
    revised = save(team, manager, year_visits=200, expected_version=1)
    assert (revised.pk, revised.version, revised.target_visits) == (plan.pk, 2, 200)
    assert plan.history.count() == 2
    assert plan.history.first().history_user == manager


def test_revising_without_the_version_seen_is_refused(team, manager):
    save(team, manager)
    before = snapshot()
    with pytest.raises(StaleVersion):
        save(team, manager, year_visits=300)
    with pytest.raises(StaleVersion):
        save(team, manager, year_visits=300, expected_version=7)
    assert snapshot() == before


def test_months_adding_up_to_more_than_the_year_are_refused(team, manager):
    with pytest.raises(ServiceError, match="各月分解之和（120）超过全年目标（100）") as refused:
        save(team, manager, year_visits=100)  # 12 × 10 = 120 > 100
    assert refused.value.field == "target_visits"
    assert snapshot() == ([], [])


def test_negative_targets_and_eleven_months_are_refused(team, manager):
    with pytest.raises(ServiceError, match="目标不能为负数") as refused:
        save(team, manager, months=[*month_targets()[:11], Targets(-1, 0, 0, Decimal(0))])
    assert refused.value.field == "m12_target_visits"
    with pytest.raises(ServiceError, match="请填写全部 12 个月的分解目标"):
        save(team, manager, months=month_targets()[:11])
    assert snapshot() == ([], [])


def test_leader_and_other_managers_may_not_write(team, leader, other_manager, salesperson):
    for user in (leader, other_manager, salesperson):
        with pytest.raises(PermissionDenied):
            save(team, user)
    assert snapshot() == ([], [])


def test_year_pace_by_hand(november, team, manager):
    save(team, manager, year_visits=150)
    yp = queries.year_pace(team.pk, 2026, dt.date(2026, 11, 13))
    m = {x.key: x for x in yp.measures}
    # allocated to date: Jan–Oct in full (10 × 10) + November's 10 × 10/21 working days = 104.8
    assert m["visits"].allocated_to_date == Decimal("104.8")
    # every salesperson of the team from 1 January: a 10-30, 11-02, 11-10, 11-13; b 11-09; c 11-09
    assert m["visits"].actual == 6
    assert (m["visits"].allocated, m["visits"].unallocated) == (120, 30)
    assert m["visits"].completion == Decimal("0.0573")
    # deposits 10-30 70 000 + 11-12 100 000 + 11-13 50 000.50; allocated 1000 × (10 + 10/21)
    assert m["deposit"].actual == Decimal("220000.50")
    assert m["deposit"].allocated_to_date == Decimal("10476.19")
    assert m["deposit"].unallocated == 0


def test_year_pace_without_a_plan(team):
    yp = queries.year_pace(team.pk, 2026, dt.date(2026, 11, 13))
    assert yp.plan is None and yp.measures[0].allocated_to_date == 0
