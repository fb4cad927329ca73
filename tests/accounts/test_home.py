import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_salesperson_home_shows_name_team_and_manager(client_as, salesperson, manager):
    body = client_as(salesperson).get(reverse("home")).content.decode()
    assert "王芳" in body
    assert "营销一部" in body
    assert manager.full_name in body


def test_manager_home_lists_team_members(client_as, manager, salesperson, salesperson2, analyst):
    body = client_as(manager).get(reverse("home")).content.decode()
    for person in (salesperson, salesperson2, analyst):
        assert person.full_name in body


def test_manager_home_does_not_list_other_team_members(client_as, manager, other_salesperson):
    body = client_as(manager).get(reverse("home")).content.decode()
    assert other_salesperson.full_name not in body


def test_analyst_home_shows_team(client_as, analyst, salesperson):
    body = client_as(analyst).get(reverse("home")).content.decode()
    assert "营销一部" in body
    assert salesperson.full_name in body


def test_office_home_lists_every_team(client_as, office, team, other_team):
    body = client_as(office).get(reverse("home")).content.decode()
    assert team.name in body
    assert other_team.name in body


def test_superuser_home_links_admin(client_as, db):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", role="", team=None, is_superuser=True, is_staff=True)
    response = client_as(admin).get(reverse("home"))
    assert response.status_code == 200
    assert reverse("admin:index") in response.content.decode()


def test_leader_home_lists_every_team_and_the_report_board(client_as, team, other_team):
    from accounts.models import Role
    from tests.factories import UserFactory

    leader = UserFactory(username="leader1", full_name="刘志刚", role=Role.LEADER, team=None)
    page = client_as(leader).get(reverse("home")).content.decode()
    assert "主管领导" in page
    assert team.name in page and other_team.name in page
    assert reverse("reports:board") in page


def test_leader_sees_every_team_but_manages_none(team, other_team):
    from accounts.models import Role
    from accounts.scoping import manages, visible_team_ids
    from tests.factories import UserFactory

    leader = UserFactory(username="leader2", role=Role.LEADER, team=None)
    assert visible_team_ids(leader) is None
    assert not manages(leader, team.pk) and not manages(leader, other_team.pk)
    assert leader.setup_problem == ""
