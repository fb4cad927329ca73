"""reports.rules: who may view, export, submit and sign — the same answer from the services (403 for
a wrong role), the views and the buttons."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reports import rules, services
from reports.definitions import REPORTS
from reports.queries import ReportScope
from salesops import clock
from salesops.periods import Period
from salesops.services import ServiceError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def last_week() -> Period:
    return Period.last_complete("week", clock.today())


@pytest.fixture
def nobody(db):
    """A user without a role (a 主管领导 has no report rights yet either)."""
    return UserFactory(username="norole", role="", team=None)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", role="", team=None, is_superuser=True, is_staff=True)


@pytest.fixture
def sub(team, manager):
    return services.submission_create(team=team, code="weekly-work", period=last_week(), by=manager)


def test_the_rule_table(salesperson, analyst, manager, office, nobody, superuser):
    expected = {
        "view": {salesperson, manager, office, superuser},
        "export": {salesperson, manager, office, superuser},
        "filter": {manager, office, superuser},
        "board": {manager, office, superuser},
        "submit": {manager, superuser},
        "acknowledge": {office, superuser},
    }
    people = [salesperson, analyst, manager, office, nobody, superuser]
    for action, allowed in expected.items():
        assert {p for p in people if rules.may(p, action)} == allowed, action


def test_an_inactive_user_may_nothing(manager, team):
    manager.is_active = False
    assert not any(rules.may(manager, action) for action in rules.ACTIONS)
    assert not rules.may_submit(manager, team.pk)


def test_only_a_manager_of_the_team_may_submit(manager, team, other_team, superuser):
    assert rules.may_submit(manager, team.pk)
    assert not rules.may_submit(manager, other_team.pk)
    # a superuser passes the page's role gate, but a submission is a manager's act
    assert not rules.may_submit(superuser, team.pk)


@pytest.mark.parametrize("who", ["analyst", "nobody"])
def test_build_refuses_a_role_that_may_not_view_or_export(request, who):
    user = request.getfixturevalue(who)
    defn = REPORTS["weekly-work"]
    for action in ("view", "export"):
        with pytest.raises(PermissionDenied):
            services.build(defn, last_week(), ReportScope(user), action=action)


def test_build_answers_a_role_that_may(salesperson):
    meta, rows = services.build(REPORTS["weekly-work"], last_week(), ReportScope(salesperson))
    assert [r["salesperson"] for r in rows] == ["王芳"]


@pytest.mark.parametrize("who", ["salesperson", "analyst", "office", "nobody", "superuser"])
def test_submit_service_refuses_everyone_but_the_teams_manager(request, team, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.submission_create(team=team, code="weekly-work", period=last_week(), by=user)


def test_submit_service_refuses_another_teams_manager(other_manager, team):
    with pytest.raises(PermissionDenied):
        services.submission_create(
            team=team, code="weekly-work", period=last_week(), by=other_manager
        )


@pytest.mark.parametrize("who", ["salesperson", "analyst", "manager", "nobody"])
def test_acknowledge_service_refuses_all_but_the_office(request, sub, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.submission_acknowledge(submission=sub, by=user)
    sub.refresh_from_db()
    assert sub.acknowledged_at is None


def test_acknowledge_service_lets_the_office_sign(sub, office):
    signed = services.submission_acknowledge(submission=sub, by=office)
    assert signed.acknowledged_by == office


def test_board_buttons_follow_the_rules(client_as, sub, manager, office, superuser):
    sign = reverse("reports:acknowledge", args=[sub.pk])
    assert sign in client_as(office).get(reverse("reports:board")).content.decode()
    assert sign not in client_as(manager).get(reverse("reports:board")).content.decode()
    submit_week = reverse("reports:submit_week", args=[last_week().key])
    assert submit_week in client_as(manager).get(reverse("reports:board")).content.decode()
    assert submit_week not in client_as(office).get(reverse("reports:board")).content.decode()


def test_report_page_offers_submitting_only_to_the_manager(client_as, manager, office):
    url = reverse("reports:report", args=["weekly-work", last_week().key])
    submit = reverse("reports:submit", args=["weekly-work", last_week().key])
    assert submit in client_as(manager).get(url).content.decode()
    assert submit not in client_as(office).get(url).content.decode()


def test_wrong_role_is_403_on_the_pages(client_as, analyst, salesperson, manager):
    week = last_week().key
    assert client_as(analyst).get(reverse("reports:index")).status_code == 403
    assert client_as(salesperson).get(reverse("reports:board")).status_code == 403
    url = reverse("reports:submit", args=["weekly-work", week])
    assert client_as(salesperson).post(url).status_code == 403


def test_upcoming_period_is_refused_even_for_the_manager(manager, team):
    future = Period.week_of(clock.today() + dt.timedelta(days=14))
    with pytest.raises(ServiceError, match="不能上报尚未开始的期间"):
        services.submission_create(team=team, code="weekly-work", period=future, by=manager)
