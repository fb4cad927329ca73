"""Moving a client to another salesperson: a request the team's manager approves or rejects, on
the client's timeline; every refusal changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from ownership import services
from ownership.models import ClientTransfer, TransferState
from salesops.services import ServiceError
from tests.factories import UserFactory
from tests.visits.factories import ClientFactory
from visits.models import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(salesperson):
    return ClientFactory(salesperson=salesperson, name="甲客户", status="visited")


@pytest.fixture
def asked(mine, salesperson, salesperson2):
    return services.transfer_request(
        client=mine, by=salesperson, to=salesperson2, reason="片区调整"
    )


def test_the_owner_asks_and_the_manager_approves(
    client_as, mine, salesperson, salesperson2, manager
):
    c = client_as(salesperson)
    url = reverse("ownership:transfer_new", args=[mine.pk])
    assert c.get(url).status_code == 200
    response = c.post(url, {"version": mine.version, "to": salesperson2.pk, "reason": "片区调整"})
    assert response.status_code == 302
    transfer = ClientTransfer.objects.get()
    assert (transfer.state, transfer.from_salesperson, transfer.requested_by) == (
        TransferState.PENDING,
        salesperson,
        salesperson,
    )
    assert Client.objects.get(pk=mine.pk).salesperson == salesperson  # not yet moved

    m = client_as(manager)
    assert "1 份客户转移申请待审批" in m.get(reverse("home")).content.decode()
    queue = m.get(reverse("ownership:transfer_list")).content.decode()
    assert "甲客户" in queue and reverse("ownership:transfer_approve", args=[transfer.pk]) in queue
    response = m.post(reverse("ownership:transfer_approve", args=[transfer.pk]), {"note": "同意"})
    assert response.status_code == 302
    fresh = Client.objects.get(pk=mine.pk)
    assert fresh.salesperson == salesperson2 and fresh.version == mine.version + 1
    transfer.refresh_from_db()
    assert (transfer.state, transfer.decided_by, transfer.decision_note) == (
        TransferState.APPROVED,
        manager,
        "同意",
    )
    # on the client's timeline, and the former owner no longer reaches the client
    page = client_as(salesperson2).get(reverse("visits:client_detail", args=[mine.pk]))
    text = page.content.decode()
    assert "申请将客户由 王芳 转给 李强" in text and "已批准" in text
    assert c.get(reverse("visits:client_detail", args=[mine.pk])).status_code == 404
    assert "转移申请待审批" not in m.get(reverse("home")).content.decode()


def test_the_manager_rejects_with_a_reason(client_as, asked, mine, salesperson, manager):
    m = client_as(manager)
    url = reverse("ownership:transfer_reject", args=[asked.pk])
    m.post(url, {"note": ""})
    asked.refresh_from_db()
    assert asked.state == TransferState.PENDING  # no reason: refused
    m.post(url, {"note": "客户指定由王芳服务"})
    asked.refresh_from_db()
    assert (asked.state, asked.decision_note) == (TransferState.REJECTED, "客户指定由王芳服务")
    assert Client.objects.get(pk=mine.pk).salesperson == salesperson


def test_a_decided_request_is_not_decided_again(asked, manager):
    services.transfer_reject(transfer=asked, by=manager, note="不同意")
    with pytest.raises(ServiceError, match="已驳回"):
        services.transfer_approve(transfer=asked, by=manager)


def test_a_second_open_request_is_refused(asked, mine, manager, salesperson2):
    with pytest.raises(ServiceError, match="待审批的转移申请"):
        services.transfer_request(client=mine, by=manager, to=salesperson2, reason="再申请")
    assert ClientTransfer.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(mine, salesperson, salesperson2, reason):
    with pytest.raises(ServiceError, match="请填写转移原因") as exc:
        services.transfer_request(client=mine, by=salesperson, to=salesperson2, reason=reason)
    assert exc.value.field == "reason" and not ClientTransfer.objects.exists()


def test_only_another_active_salesperson_of_the_team_takes_over(
    mine, salesperson, other_salesperson, analyst, team
):
    gone = UserFactory(role=Role.SALESPERSON, team=team, is_active=False)
    for to in (other_salesperson, analyst, salesperson, gone):
        with pytest.raises(ServiceError, match="只能转给本团队的其他在职营销人员") as exc:
            services.transfer_request(client=mine, by=salesperson, to=to, reason="x")
        assert exc.value.field == "to"
    assert not ClientTransfer.objects.exists()


def test_approval_is_refused_when_the_client_changed_hands_meanwhile(
    asked, mine, manager, salesperson, team
):
    third = UserFactory(role=Role.SALESPERSON, team=team)
    Client.objects.filter(pk=mine.pk).update(salesperson=third)
    with pytest.raises(ServiceError, match="已变更"):
        services.transfer_approve(transfer=asked, by=manager)
    assert Client.objects.get(pk=mine.pk).salesperson == third
    asked.refresh_from_db()
    assert asked.state == TransferState.PENDING


def test_an_archived_client_cannot_be_moved(client_as, mine, salesperson, salesperson2):
    Client.objects.filter(pk=mine.pk).update(archived_at=timezone.now())
    mine.refresh_from_db()
    c = client_as(salesperson)
    url = reverse("ownership:transfer_new", args=[mine.pk])
    assert (
        c.post(url, {"version": mine.version, "to": salesperson2.pk, "reason": "x"}).status_code
        == 403
    )
    assert not ClientTransfer.objects.exists()


def test_a_stale_form_changes_nothing(client_as, mine, salesperson, salesperson2):
    c = client_as(salesperson)
    url = reverse("ownership:transfer_new", args=[mine.pk])
    c.post(url, {"version": mine.version - 1, "to": salesperson2.pk, "reason": "x"})
    assert not ClientTransfer.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("salesperson2", 404),
        ("other_manager", 404),
        ("analyst", 403),
        ("leader", 403),
        ("office", 403),
    ],
)
def test_who_may_not_ask(request, client_as, mine, salesperson2, who, status):
    c = client_as(request.getfixturevalue(who))
    url = reverse("ownership:transfer_new", args=[mine.pk])
    assert c.get(url).status_code == status
    assert (
        c.post(url, {"version": mine.version, "to": salesperson2.pk, "reason": "x"}).status_code
        == status
    )
    assert not ClientTransfer.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("salesperson", 403),
        ("salesperson2", 403),
        ("analyst", 403),
        ("leader", 403),
        ("office", 403),
        ("other_manager", 404),
    ],
)
@pytest.mark.parametrize("action", ["transfer_approve", "transfer_reject"])
def test_who_may_not_decide(request, client_as, asked, mine, salesperson, who, status, action):
    c = client_as(request.getfixturevalue(who))
    response = c.post(reverse(f"ownership:{action}", args=[asked.pk]), {"note": "x"})
    assert response.status_code == status
    asked.refresh_from_db()
    assert asked.state == TransferState.PENDING
    assert Client.objects.get(pk=mine.pk).salesperson == salesperson


def test_the_client_page_offers_the_request_and_then_shows_it_waiting(
    client_as, mine, salesperson, salesperson2
):
    c = client_as(salesperson)
    detail = reverse("visits:client_detail", args=[mine.pk])
    assert reverse("ownership:transfer_new", args=[mine.pk]) in c.get(detail).content.decode()
    services.transfer_request(client=mine, by=salesperson, to=salesperson2, reason="x")
    text = c.get(detail).content.decode()
    assert "转给 李强 的转移申请待经理审批" in text
    assert reverse("ownership:transfer_new", args=[mine.pk]) not in text


def test_the_list_shows_a_salesperson_only_their_own_clients_requests(
    client_as, asked, salesperson, salesperson2
):
    assert (
        "甲客户" in client_as(salesperson).get(reverse("ownership:transfer_list")).content.decode()
    )
    assert (
        "甲客户"
        not in client_as(salesperson2).get(reverse("ownership:transfer_list")).content.decode()
    )


@pytest.mark.parametrize("action", ["transfer_approve", "transfer_reject"])
def test_an_overlong_note_is_refused_with_a_message(
    client_as, asked, mine, salesperson, manager, action
):
    url = reverse(f"ownership:{action}", args=[asked.pk])
    response = client_as(manager).post(url, {"note": "很" * 501}, follow=True)
    assert response.status_code == 200 and "500" in response.content.decode()
    asked.refresh_from_db()
    assert asked.state == TransferState.PENDING
    assert Client.objects.get(pk=mine.pk).salesperson == salesperson


@pytest.mark.parametrize("to", ["²", "99999999999999999999", "-5", "", "x"])
def test_a_crafted_new_salesperson_is_refused_not_a_500(client_as, mine, salesperson, to):
    url = reverse("ownership:transfer_new", args=[mine.pk])
    response = client_as(salesperson).post(url, {"version": mine.version, "to": to, "reason": "x"})
    assert response.status_code == 400
    assert not ClientTransfer.objects.exists()


def test_the_longest_reason_is_kept_and_a_longer_one_refused(
    client_as, mine, salesperson, salesperson2
):
    url = reverse("ownership:transfer_new", args=[mine.pk])
    c = client_as(salesperson)
    too_long = {"version": mine.version, "to": salesperson2.pk, "reason": "因" * 1001}
    assert c.post(url, too_long).status_code == 400 and not ClientTransfer.objects.exists()
    c.post(url, {**too_long, "reason": "因" * 1000})
    assert len(ClientTransfer.objects.get().reason) == 1000
