"""A manager's teams are read once per request (salesops.requestcache), and never
remembered outside one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Team
from accounts.scoping import visible_team_ids

pytestmark = pytest.mark.django_db


def team_lookups(ctx) -> int:
    # the lookup visible_team_ids makes: the ids of the teams this person manages
    lookup = 'SELECT "accounts_team"."id" AS "pk" FROM "accounts_team" WHERE "accounts_team"."manager_id"'
    return sum(q["sql"].startswith(lookup) for q in ctx.captured_queries)


def test_the_managers_home_reads_their_teams_once(client_as, manager):
    browser = client_as(manager)
    with CaptureQueriesContext(connection) as ctx:
        assert browser.get("/").status_code == 200
    assert team_lookups(ctx) == 1


def test_outside_a_request_every_call_reads_again(manager, team):
    assert visible_team_ids(manager) == [team.pk]
    second = Team.objects.create(name="营销二部", manager=manager)
    # a service or command sees the change at once: nothing was remembered
    assert visible_team_ids(manager) == sorted([team.pk, second.pk])


def test_each_request_reads_afresh(client_as, manager, team):
    """A team given to the manager between two requests is on the next page: the memo lives for
    one request only."""
    browser = client_as(manager)
    assert [t.name for t in browser.get("/").context["teams"]] == [team.name]
    Team.objects.create(name="营销二部", manager=manager)
    with CaptureQueriesContext(connection) as ctx:
        page = browser.get("/")
    assert sorted(t.name for t in page.context["teams"]) == sorted([team.name, "营销二部"])
    assert team_lookups(ctx) == 1
