from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import Role, Team, User

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_department_and_prints_logins(demo_department):
    out = demo_department
    manager = User.objects.get(username="zhangym")
    assert manager.full_name == "张永明"
    assert Team.objects.get(name="营销一部").manager == manager
    team = manager.team
    assert team.members.filter(role=Role.SALESPERSON).count() == 6
    assert team.members.filter(role=Role.ANALYST).count() == 2
    assert User.objects.filter(role=Role.OFFICE).count() == 1
    for username in ("zhangym", "wangfang", "zhoumin", "zhengxin", "admin"):
        assert username in out
    assert manager.check_password("salesops2026")


def test_seed_demo_is_idempotent(demo_department):
    def counts():
        return {m._meta.label: m._base_manager.count() for m in apps.get_models()}

    before = counts()
    assert before["accounts.User"] > 0 and before["visits.Client"] > 0
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before
