"""Row locks proven on PostgreSQL: two decisions on one plan, two insisted plans for one client."""

import pytest
from django.utils import timezone
from django_fsm_log.models import StateLog

from salesops.services import ServiceError
from suitability import services
from suitability.models import PlanSuitability
from tests.concurrency import race
from tests.visits.factories import ClientFactory
from visits import services as visits_services
from visits.models import Client

from .factories import assess, product

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
]


def insisted_plan(client, analyst, products):
    return visits_services.client_prepare_plan(
        client=Client.objects.get(pk=client.pk),
        by=analyst,
        content="方案",
        products=products,
        revisit_due=timezone.localdate(),
        insistence="坚持",
        risk_warning_signed_on=timezone.localdate(),
    )


def test_two_decisions_at_once_only_one_counts(salesperson, analyst, manager):
    client = ClientFactory(salesperson=salesperson, status="reported")
    assess(client, "C1")
    s = insisted_plan(client, analyst, [product("R3")]).suitability
    results = race(
        lambda: services.plan_approve(suitability=s, by=manager),
        lambda: services.plan_reject(suitability=s, by=manager, comment="不同意"),
    )
    assert sorted(r[0] for r in results) == ["error", "ok"], results
    assert isinstance(next(r[1] for r in results if r[0] == "error"), ServiceError)
    verdict = PlanSuitability.objects.get(pk=s.pk).verdict
    moved = StateLog.objects.for_(client).filter(transition="prepare_plan").count()
    assert (verdict, moved) in (("approved", 1), ("rejected", 0))


def test_two_insisted_plans_at_once_only_one_waits(salesperson, analyst, manager):
    client = ClientFactory(salesperson=salesperson, status="reported")
    assess(client, "C1")
    a, b = product("R2"), product("R3")
    results = race(
        lambda: insisted_plan(client, analyst, [a]),
        lambda: insisted_plan(client, manager, [b]),
    )
    assert sorted(r[0] for r in results) == ["error", "ok"], results
    assert PlanSuitability.objects.filter(client=client, verdict="pending").count() == 1
