"""seed_demo's proposals: last month, one approved, one rejected, two waiting for the leader."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from proposals.models import Proposal
from salesops.periods import Period

pytestmark = pytest.mark.django_db


def test_the_demo_has_last_months_proposals_in_every_decided_state(demo_department, client_as):
    last = Period.month_of(timezone.localdate()).previous()
    rows = {
        p.person.username: (p.status, p.decided_by and p.decided_by.username)
        for p in Proposal.objects.filter(month=last.start)
    }
    assert rows == {
        "wangfang": ("approved", "liuzg"),
        "liqiang": ("rejected", "liuzg"),
        "chenjing": ("submitted", None),
        "huangwei": ("submitted", None),
    }
    assert all("任务完成情况" in p.basis for p in Proposal.objects.all())
    home = client_as(User.objects.get(username="liuzg")).get(reverse("home")).content.decode()
    assert 'data-testid="proposals-waiting">2<' in home
    manager = client_as(User.objects.get(username="zhangym"))
    page = manager.get(reverse("proposals:list") + f"?month={last.key}").content.decode()
    assert "王芳" in page and "黄伟" not in page  # the other team's proposal stays out of sight
