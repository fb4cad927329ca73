"""Two threads approving and returning the same plan at once: exactly one wins (PostgreSQL)."""

import pytest
from django_fsm_log.models import StateLog

from plans import services
from plans.models import VisitPlan
from tests.concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
]


def test_approve_and_return_at_once_only_one_wins(submitted_plan, manager):
    version = submitted_plan.version
    results = race(
        lambda: services.plan_approve(plan=submitted_plan, by=manager, expected_version=version),
        lambda: services.plan_return(
            plan=submitted_plan, by=manager, reason="再改改", expected_version=version
        ),
    )
    assert sorted(r[0] for r in results) == ["error", "ok"], results
    assert isinstance(next(r[1] for r in results if r[0] == "error"), services.StaleVersion)
    plan = VisitPlan.objects.get(pk=submitted_plan.pk)
    assert plan.status in ("approved", "returned")
    assert (
        StateLog.objects.for_(plan).filter(transition__in=["approve", "return_for_rewrite"]).count()
        == 1
    )
