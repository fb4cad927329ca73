"""申请转移 from the duplicate-number refusal (docs/design.md §Transfers, §Four eyes): a
salesperson who finds a number taken asks for the client across teams; the owner's manager
decides (the leader when that manager asked); the asker sees the client masked; both are told."""

import re

import pytest
from django.urls import reverse

from notifications.models import Kind, Notification
from ownership import services
from ownership.models import ClientTransfer, TransferState
from salesops.services import ServiceError
from tests.visits.factories import ClientFactory
from visits import services as visit_services
from visits.models import Client

pytestmark = pytest.mark.django_db

NUMBER = "13812345678"


@pytest.fixture
def theirs(other_salesperson):
    return ClientFactory(
        salesperson=other_salesperson,
        name="赵大海",
        status="visited",
        phone=NUMBER,
        phone_normalized="+86" + NUMBER,
    )


def _ask_url(response) -> str:
    found = re.search(r'href="(/ownership/ask/[^"]+/)"', response.content.decode())
    assert found, "the refusal offers no 申请转移 link"
    return found.group(1)


def test_the_refusal_links_to_a_request_the_owners_manager_approves(
    client_as, theirs, salesperson, other_salesperson, other_manager, team, manager
):
    c = client_as(salesperson)
    refused = c.post(
        reverse("visits:client_register"), {"name": "赵大海", "phone": NUMBER, "source": "cold"}
    )
    text = refused.content.decode()
    assert "该号码已是 黄* 的客户" in text and "申请转移" in text
    url = _ask_url(refused)

    page = c.get(url)
    shown = page.content.decode()
    assert page.status_code == 200
    assert "赵**" in shown and "138****5678" in shown
    assert "赵大海" not in shown and NUMBER not in shown and "黄伟" not in shown

    assert c.post(url, {"reason": ""}).status_code == 400
    response = c.post(url, {"reason": "客户主动联系我开户"})
    assert response.status_code == 302
    transfer = ClientTransfer.objects.get()
    assert (transfer.team, transfer.from_salesperson, transfer.to_salesperson) == (
        theirs.team,
        other_salesperson,
        salesperson,
    )
    assert transfer.requested_by == salesperson and transfer.state == TransferState.PENDING

    # the decider is told who asks and why; the asker's list shows the client masked
    told = Notification.objects.get(kind=Kind.TRANSFER_REQUESTED)
    assert told.recipient == other_manager
    assert told.params["requester"] == "王芳" and told.params["reason"] == "客户主动联系我开户"
    mine = c.get(reverse("ownership:transfer_list")).content.decode()
    assert "赵**" in mine and "赵大海" not in mine and "黄*" in mine
    assert not Notification.objects.filter(recipient=manager).exists()

    queue = client_as(other_manager).get(reverse("ownership:transfer_list")).content.decode()
    assert "客户主动联系我开户" in queue and "王芳" in queue and "营销一部" in queue
    response = client_as(other_manager).post(
        reverse("ownership:transfer_approve", args=[transfer.pk]), {"note": "同意"}
    )
    assert response.status_code == 302
    moved = Client.objects.get(pk=theirs.pk)
    assert (moved.salesperson, moved.team) == (salesperson, team)
    back = Notification.objects.get(kind=Kind.TRANSFER_DECIDED)
    assert back.recipient == salesperson and back.params["client"] == "赵大海"
    assert c.get(reverse("visits:client_detail", args=[theirs.pk])).status_code == 200


def test_a_rejection_tells_the_asker_with_the_client_masked(
    theirs, salesperson, other_manager, manager
):
    transfer = services.transfer_ask(client=theirs, by=salesperson, reason="认识客户")
    with pytest.raises(ServiceError, match="请填写驳回理由"):
        services.transfer_reject(transfer=transfer, by=other_manager, note="")
    services.transfer_reject(transfer=transfer, by=other_manager, note="客户由黄伟服务")
    back = Notification.objects.get(kind=Kind.TRANSFER_DECIDED)
    assert (back.recipient, back.params["client"]) == (salesperson, "赵**")
    assert Client.objects.get(pk=theirs.pk).salesperson == theirs.salesperson


def test_the_asker_never_decides_and_other_managers_do_not_either(
    client_as, theirs, salesperson, manager, leader
):
    transfer = services.transfer_ask(client=theirs, by=salesperson, reason="认识客户")
    for who, status in ((salesperson, 403), (manager, 404), (leader, 403)):
        url = reverse("ownership:transfer_approve", args=[transfer.pk])
        assert client_as(who).post(url, {"note": ""}).status_code == status
    transfer.refresh_from_db()
    assert transfer.state == TransferState.PENDING


def test_when_the_owners_manager_asks_the_leader_decides(
    client_as, salesperson, salesperson2, manager, leader
):
    mine = ClientFactory(salesperson=salesperson, name="甲客户", status="visited")
    transfer = services.transfer_request(client=mine, by=manager, to=salesperson2, reason="调整")
    assert Notification.objects.get(kind=Kind.TRANSFER_REQUESTED).recipient == leader
    url = reverse("ownership:transfer_approve", args=[transfer.pk])
    assert client_as(manager).post(url, {"note": ""}).status_code == 403
    assert "甲客户" in client_as(leader).get(reverse("ownership:transfer_list")).content.decode()
    assert client_as(leader).post(url, {"note": ""}).status_code == 302
    assert Client.objects.get(pk=mine.pk).salesperson == salesperson2
    assert Notification.objects.get(kind=Kind.TRANSFER_DECIDED).recipient == manager


def test_the_link_is_for_its_user_only(client_as, theirs, salesperson, salesperson2):
    refused = client_as(salesperson).post(
        reverse("visits:client_register"), {"name": "赵大海", "phone": NUMBER, "source": "cold"}
    )
    url = _ask_url(refused)
    assert client_as(salesperson2).get(url).status_code == 404
    assert client_as(salesperson).get("/ownership/ask/forged/").status_code == 404


def test_editing_to_a_taken_number_offers_the_request(client_as, theirs, salesperson):
    mine = ClientFactory(salesperson=salesperson, name="乙", status="visited")
    response = client_as(salesperson).post(
        reverse("visits:client_edit", args=[mine.pk]),
        {"version": mine.version, "name": "乙", "phone": NUMBER, "source": "cold"},
    )
    assert "该号码已是 黄* 的客户" in response.content.decode()
    assert _ask_url(response)


def test_ones_own_client_is_named_and_linked(client_as, salesperson):
    own = ClientFactory(
        salesperson=salesperson, name="钱多多", phone=NUMBER, phone_normalized="+86" + NUMBER
    )
    with pytest.raises(ServiceError, match="该号码已是您的客户「钱多多」的号码") as exc:
        visit_services.client_register(by=salesperson, name="钱多", phone=NUMBER)
    assert "王*" not in exc.value.message and "申请转移" not in exc.value.message
    response = client_as(salesperson).post(
        reverse("visits:client_register"), {"name": "钱多", "phone": NUMBER, "source": "cold"}
    )
    text = response.content.decode()
    assert "您的客户「钱多多」" in text and "申请转移" not in text
    assert reverse("visits:client_detail", args=[own.pk]) in text


def test_the_visit_form_offers_the_request_too(client_as, theirs, salesperson):
    """A new client typed into 记录拜访 with a number that is taken: the same way on."""
    refused = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "new_name": "赵大海",
            "new_phone": NUMBER,
            "new_source": "cold",
            "date": "2026-12-01",
            "kind": "onsite",
            "purpose": "first",
            "summary": "面谈",
        },
    )
    assert "该号码已是 黄* 的客户" in refused.content.decode()
    assert _ask_url(refused).startswith("/ownership/ask/")
    assert not Client.objects.filter(salesperson=salesperson, name="赵大海").exists()
