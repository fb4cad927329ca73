from decimal import Decimal

import pytest

from proposals import services
from proposals.models import Proposal
from salesops.services import today


@pytest.fixture
def make_proposal(manager, salesperson, leader):
    """A proposal by ``manager`` for ``salesperson`` this month, in the state asked for."""

    def make(status="draft", **fields) -> Proposal:
        data = {
            "team": manager.team,
            "person": salesperson,
            "month": today(),
            "kind": "reward",
            "reason": "超额完成入金任务",
            "amount": Decimal("800"),
            "by": manager,
        } | fields
        p = services.proposal_create(**data)
        if status in ("submitted", "approved", "rejected"):
            p = services.proposal_submit(proposal=p, by=manager, expected_version=p.version)
        if status == "approved":
            p = services.proposal_approve(proposal=p, by=leader, expected_version=p.version)
        if status == "rejected":
            p = services.proposal_reject(
                proposal=p, by=leader, reason="依据不足", expected_version=p.version
            )
        return Proposal.objects.get(pk=p.pk)

    return make
