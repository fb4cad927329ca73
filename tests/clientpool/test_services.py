"""The pool's rules: who returns when, claim limits, assignment, the log."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django_fsm_log.models import StateLog

from accounts.scoping import visible_to
from clientpool import queries, services
from clientpool.models import PoolEvent, PoolEventKind
from salesops.services import ServiceError
from tests.visits.factories import VisitFactory
from visits import queries as visits_queries
from visits import services as visits_services
from visits.models import Client

pytestmark = pytest.mark.django_db


def test_idle_boundary_counts_local_days_from_last_visit(aged_client, settings):
    settings.CLIENT_POOL_IDLE_DAYS = 60
    stays = aged_client(200, visited_days_ago=59, status="visited")
    goes = aged_client(200, visited_days_ago=60, status="visited")
    result = services.pool_return()
    assert result.idle == 1
    stays.refresh_from_db()
    goes.refresh_from_db()
    assert stays.in_pool_since is None
    assert goes.in_pool_since is not None
    event = PoolEvent.objects.get(client=goes)
    assert event.kind == PoolEventKind.RETURNED_IDLE
    assert event.salesperson == goes.salesperson and event.by is None
    assert goes.salesperson_id is not None  # kept as the last owner


def test_never_visited_counts_from_registration(aged_client):
    young = aged_client(59)
    old = aged_client(60)
    services.pool_return()
    young.refresh_from_db()
    old.refresh_from_db()
    assert young.in_pool_since is None and old.in_pool_since is not None


def test_won_and_archived_clients_never_return(aged_client, now):
    funded = aged_client(300, status="funded")
    opened = aged_client(300, status="account_opened")
    archived = aged_client(300)
    Client.objects.filter(pk=archived.pk).update(archived_at=now)
    assert services.pool_return().idle == 0
    for c in (funded, opened, archived):
        c.refresh_from_db()
        assert c.in_pool_since is None


def test_dropped_returns_at_once_whatever_its_age(aged_client):
    dropped = aged_client(0, status="dropped")
    result = services.pool_return()
    assert result == services.Returned(idle=0, dropped=1)
    dropped.refresh_from_db()
    assert dropped.in_pool_since is not None
    assert PoolEvent.objects.get(client=dropped).kind == PoolEventKind.RETURNED_DROPPED


def test_command_is_idempotent(aged_client, capsys):
    aged_client(90)
    aged_client(1, status="dropped")
    call_command("return_to_pool")
    assert "1 idle" in capsys.readouterr().out
    call_command("return_to_pool")
    out = capsys.readouterr().out
    assert "0 idle" in out and "0 dropped" in out
    assert PoolEvent.objects.count() == 2


def test_pooled_client_leaves_former_owners_lists(pooled, salesperson, manager):
    (client,) = pooled()
    assert not visits_queries.clients_for(salesperson).filter(pk=client.pk).exists()
    assert visible_to(manager, Client.objects.all()).filter(pk=client.pk).exists()
    counts = {row["code"]: row["count"] for row in visits_queries.status_counts(salesperson)}
    assert counts["prospect"] == 0
    # no action on a pooled client until it is assigned or claimed
    with pytest.raises(ServiceError, match="该客户在团队公海中，请先分配或领取后再操作"):
        visits_services.client_drop(
            client=client, by=manager, reason="x", expected_version=client.version
        )


def test_claim_takes_the_client_and_logs(pooled, salesperson2):
    (client,) = pooled()
    services.pool_claim(by=salesperson2, clients=[client])
    client.refresh_from_db()
    assert client.salesperson == salesperson2 and client.in_pool_since is None
    assert PoolEvent.objects.filter(client=client, kind="claimed", by=salesperson2).exists()
    assert visits_queries.clients_for(salesperson2).filter(pk=client.pk).exists()


def test_claim_of_dropped_client_reactivates_it(pooled, salesperson2):
    (client,) = pooled(status="dropped")
    services.pool_claim(by=salesperson2, clients=[client.pk])
    client.refresh_from_db()
    assert client.status == "prospect"
    log = StateLog.objects.filter(object_id=client.pk, transition="reactivate").get()
    assert log.by == salesperson2


def test_claim_limit(pooled, salesperson2, settings, today):
    settings.CLIENT_POOL_CLAIM_LIMIT = 2
    a, b, c = pooled(3)
    services.pool_claim(by=salesperson2, clients=[a, b])
    assert queries.held_claims(salesperson2) == 2
    with pytest.raises(ServiceError, match="上限"):
        services.pool_claim(by=salesperson2, clients=[c])
    c.refresh_from_db()
    assert c.in_pool_since is not None  # nothing changed
    # visiting a claimed client frees a place
    VisitFactory(client=Client.objects.get(pk=a.pk), date=today)
    assert queries.held_claims(salesperson2) == 1
    services.pool_claim(by=salesperson2, clients=[c])


def test_claim_over_the_limit_in_one_go_changes_nothing(pooled, salesperson2, settings):
    settings.CLIENT_POOL_CLAIM_LIMIT = 2
    clients = pooled(3)
    with pytest.raises(ServiceError, match="领取数量超过上限：.*您已持有 0 位，本次选择了 3 位"):
        services.pool_claim(by=salesperson2, clients=clients)
    assert Client.objects.filter(in_pool_since__isnull=True, salesperson=salesperson2).count() == 0
    assert not PoolEvent.objects.filter(kind="claimed").exists()


def test_claim_of_a_client_already_taken_is_refused(pooled, salesperson, salesperson2):
    (client,) = pooled()
    services.pool_claim(by=salesperson2, clients=[client])
    with pytest.raises(ServiceError, match="已被分配或领取"):
        services.pool_claim(by=salesperson, clients=[client])


def test_other_teams_pool_is_out_of_reach(pooled, other_salesperson, other_manager):
    (client,) = pooled()
    with pytest.raises(ServiceError, match="所选客户不在您可见的公海中"):
        services.pool_claim(by=other_salesperson, clients=[client])
    with pytest.raises(PermissionDenied):
        services.pool_assign(by=other_salesperson, clients=[client], salesperson=other_salesperson)


def test_assign_by_manager_only_to_team_salespeople(
    pooled, manager, salesperson2, other_salesperson, analyst, other_manager
):
    (client,) = pooled(status="dropped")
    with pytest.raises(ServiceError, match="只能分配给客户所在团队的在职营销人员"):
        services.pool_assign(by=manager, clients=[client], salesperson=other_salesperson)
    with pytest.raises(ServiceError, match="只能分配给客户所在团队的在职营销人员"):
        services.pool_assign(by=manager, clients=[client], salesperson=analyst)
    with pytest.raises(
        ServiceError, match="所选客户不在您可见的公海中"
    ):  # another team's manager: not in their pool
        services.pool_assign(by=other_manager, clients=[client], salesperson=other_salesperson)
    with pytest.raises(PermissionDenied):
        services.pool_assign(by=analyst, clients=[client], salesperson=salesperson2)
    services.pool_assign(by=manager, clients=[client], salesperson=salesperson2)
    client.refresh_from_db()
    assert client.salesperson == salesperson2 and client.status == "prospect"
    assert PoolEvent.objects.filter(client=client, kind="assigned", by=manager).exists()


def test_assign_ignores_the_claim_limit(pooled, manager, salesperson2, settings):
    settings.CLIENT_POOL_CLAIM_LIMIT = 0
    clients = pooled(2)
    services.pool_assign(by=manager, clients=clients, salesperson=salesperson2)
    assert queries.held_claims(salesperson2) == 0


def test_taken_client_does_not_return_the_same_day(pooled, salesperson2):
    (client,) = pooled()
    services.pool_claim(by=salesperson2, clients=[client])
    assert services.pool_return().idle == 0
    client.refresh_from_db()
    assert client.in_pool_since is None


def test_reactivated_client_does_not_return_at_once(aged_client, manager):
    client = aged_client(200, status="dropped")
    visits_services.client_reactivate(client=client, by=manager, expected_version=client.version)
    assert services.pool_return() == services.Returned(idle=0, dropped=0)


def test_return_at_a_later_moment(aged_client, now):
    client = aged_client(10)
    assert services.pool_return().idle == 0
    assert services.pool_return(at=now + dt.timedelta(days=50)).idle == 1
    client.refresh_from_db()
    assert client.in_pool_since is not None


def test_empty_and_oversized_selection(salesperson2):
    with pytest.raises(ServiceError, match="请至少选择一位公海客户"):
        services.pool_claim(by=salesperson2, clients=[])
    with pytest.raises(ServiceError, match="一次最多处理 200 位客户"):
        services.pool_claim(by=salesperson2, clients=range(1, 500))


def test_pooled_client_waits_outside_the_analyst_queue_and_visit_form(
    pooled, analyst, manager, client_as
):
    (client,) = pooled(status="visited", name="公海里的客户")
    assert client not in visits_queries.analyst_queue(analyst)["needs"]
    page = client_as(manager).get("/visits/log/").content.decode()
    assert "公海里的客户" not in page


def test_a_pooled_client_is_not_transferred(pooled, manager, salesperson, salesperson2):
    from ownership import services as ownership_services

    client = pooled()[0]
    with pytest.raises(ServiceError, match="公海"):
        ownership_services.transfer_request(
            client=client, by=manager, to=salesperson2, reason="接手"
        )
    client.refresh_from_db()
    assert client.in_pool_since is not None


def test_a_transfer_asked_before_the_return_is_not_approved(
    aged_client, manager, leader, salesperson2
):
    from ownership import services as ownership_services

    client = aged_client(100)
    transfer = ownership_services.transfer_request(
        client=client, by=manager, to=salesperson2, reason="接手"
    )
    services.pool_return()
    # the manager asked, so the leader decides (four eyes); the client is in the pool by now
    with pytest.raises(ServiceError, match="公海"):
        ownership_services.transfer_approve(transfer=transfer, by=leader)
