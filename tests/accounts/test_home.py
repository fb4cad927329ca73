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
