import pytest
from django.http import Http404

from accounts.models import Role, User
from accounts.scoping import (
    get_visible_or_404,
    visible_salespeople,
    visible_team_ids,
    visible_users,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_salesperson_never_sees_another_teams_users(salesperson, salesperson2, other_salesperson):
    seen = set(visible_users(salesperson))
    assert salesperson2 in seen
    assert other_salesperson not in seen


def test_manager_sees_own_team_only(manager, salesperson, other_salesperson):
    seen = set(visible_users(manager))
    assert salesperson in seen
    assert other_salesperson not in seen


def test_manager_of_two_teams_sees_both(manager, other_team, other_salesperson):
    other_team.manager = manager
    other_team.save()
    assert other_salesperson in set(visible_users(manager))


def test_office_sees_every_team(office, salesperson, other_salesperson):
    assert visible_team_ids(office) is None
    seen = set(visible_users(office))
    assert {salesperson, other_salesperson} <= seen


def test_user_without_role_sees_nobody(salesperson):
    nobody = UserFactory(username="lost", role="", team=None)
    assert visible_team_ids(nobody) == []
    assert not visible_users(nobody).exists()


def test_inactive_user_sees_nothing(salesperson):
    salesperson.is_active = False
    assert visible_team_ids(salesperson) == []


def test_get_visible_or_404_raises_404_outside_scope(manager, other_salesperson):
    from accounts.models import Team
    from accounts.scoping import visible_teams

    assert other_salesperson.team not in set(visible_teams(manager))
    with pytest.raises(Http404):
        get_visible_or_404(manager, Team.objects.all(), pk=other_salesperson.team_id)


def test_unscoped_model_cannot_be_scoped(salesperson):
    from accounts.scoping import visible_to

    with pytest.raises(TypeError):
        visible_to(salesperson, User.objects.all())


def test_visible_salespeople_is_the_owner_relation(
    salesperson, salesperson2, other_salesperson, manager, analyst, office
):
    assert set(visible_salespeople(salesperson)) == {salesperson}
    assert set(visible_salespeople(manager)) == {salesperson, salesperson2}
    assert set(visible_salespeople(analyst)) == {salesperson, salesperson2}
    assert set(visible_salespeople(office)) == {salesperson, salesperson2, other_salesperson}


def test_visible_salespeople_keeps_former_staff_and_leaves_out_the_teamless(
    manager, salesperson, office
):
    salesperson.is_active = False
    salesperson.save()
    teamless = UserFactory(username="floating", role=Role.SALESPERSON, team=None)
    assert salesperson in set(visible_salespeople(manager))
    assert teamless not in set(visible_salespeople(office))
    assert not visible_salespeople(UserFactory(username="norole", role="", team=None)).exists()
