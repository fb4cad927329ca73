"""The demo leaves a transfer request for the manager and every demo number keyed."""

import pytest
from django.urls import reverse

from accounts.models import User
from ownership.models import ClientTransfer
from salesops.phones import phone_e164
from visits.models import Client

pytestmark = pytest.mark.django_db


def test_the_manager_has_a_transfer_request_to_decide(demo_department, client):
    transfer = ClientTransfer.objects.get(state="pending")
    assert transfer.team.manager.username == "zhangym"
    assert transfer.client.salesperson == transfer.from_salesperson
    client.force_login(User.objects.get(username="zhangym"))
    assert "1 份客户转移申请待审批" in client.get(reverse("home")).content.decode()


def test_every_demo_number_is_valid_and_keyed(demo_department):
    clients = list(Client.objects.exclude(phone=""))
    assert clients
    assert all(c.phone_normalized and c.phone_normalized == phone_e164(c.phone) for c in clients)
