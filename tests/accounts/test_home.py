"""Each role's home page. base.html prints the user's name, role and team in the header of every
page, so these tests read the page's own <main> part and the cards only that home shows."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

pytestmark = pytest.mark.django_db


def main(response) -> str:
    """The page's own content: what base.html's header prints on every page is cut off."""
    assert response.status_code == 200
    body = response.content.decode()
    return body.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]


def card(page: str, title: str) -> str:
    """One card of a home page, from its header to the next card's header."""
    start = page.index(f"</i>{title}</div>")
    end = page.find('class="card-header"', start)
    return page[start : end if end != -1 else None]


def test_salesperson_home_shows_name_team_and_manager(client_as, salesperson, manager):
    page = main(client_as(salesperson).get(reverse("home")))
    assertInHTML('<h1 class="page-title">王芳，您好</h1>', page)
    assertInHTML(
        f'<div class="text-secondary small">营销一部 · 经理 {manager.full_name}</div>', page
    )
    people = card(page, "我的团队")
    assert '<dd class="col-8">营销一部</dd>' in people
    assert manager.full_name in people


def test_manager_home_lists_team_members(client_as, manager, salesperson, salesperson2, analyst):
    page = main(client_as(manager).get(reverse("home")))
    assertInHTML(f'<h1 class="page-title">{manager.full_name}，您好</h1>', page)
    members = card(page, "团队成员")
    assert "营销人员 2 人 · 分析师 1 人" in members
    for person in (salesperson, salesperson2, analyst):
        assert f"<span>{person.full_name} " in members


def test_manager_home_does_not_list_other_team_members(client_as, manager, other_salesperson):
    page = main(client_as(manager).get(reverse("home")))
    assert "团队暂无成员。" in card(page, "团队成员")
    assert other_salesperson.full_name not in page


def test_analyst_home_shows_team(client_as, analyst, salesperson):
    page = main(client_as(analyst).get(reverse("home")))
    assertInHTML('<div class="text-secondary small">分析师 · 营销一部</div>', page)
    assert page.count("</i>我的团队</div>") == 1  # the team card once, not twice
    assert f"<span>{salesperson.full_name}</span>" in card(page, "我的团队")


def test_office_home_lists_every_team(client_as, office, team, other_team):
    page = main(client_as(office).get(reverse("home")))
    assertInHTML('<div class="text-secondary small">办公室</div>', page)
    teams = card(page, "营销团队")
    assert f"<span>{team.name}</span>" in teams and f"<span>{other_team.name}</span>" in teams


def test_superuser_home_links_admin(client_as, db):
    from tests.factories import UserFactory

    admin = UserFactory(username="root", role="", team=None, is_superuser=True, is_staff=True)
    page = main(client_as(admin).get(reverse("home")))
    assertInHTML('<h1 class="page-title mb-3">系统管理员</h1>', page)
    assert f'<a class="btn btn-brand" href="{reverse("admin:index")}">' in page


def test_leader_home_lists_every_team_and_the_report_board(client_as, team, other_team):
    from accounts.models import Role
    from tests.factories import UserFactory

    leader = UserFactory(username="leader1", full_name="刘志刚", role=Role.LEADER, team=None)
    page = main(client_as(leader).get(reverse("home")))
    assertInHTML('<div class="text-secondary small">主管领导</div>', page)
    teams = card(page, "营销团队")
    assert f"<span>{team.name}</span>" in teams and f"<span>{other_team.name}</span>" in teams
    assert f'<a class="btn btn-brand" href="{reverse("reports:board")}">' in page


def test_leader_sees_every_team_but_manages_none(team, other_team):
    from accounts.models import Role
    from accounts.scoping import manages, visible_team_ids
    from tests.factories import UserFactory

    leader = UserFactory(username="leader2", role=Role.LEADER, team=None)
    assert visible_team_ids(leader) is None
    assert not manages(leader, team.pk) and not manages(leader, other_team.pk)
    assert leader.setup_problem == ""
