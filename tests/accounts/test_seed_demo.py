from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import Role, Team, User

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_department_and_prints_logins(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
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


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    counts = (User.objects.count(), Team.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (User.objects.count(), Team.objects.count()) == counts
