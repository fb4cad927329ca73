"""The pool page: what each role sees, claim and assign through the page, refusals."""

import pytest
from django.urls import reverse

from clientpool.models import PoolEvent
from visits.models import Client

pytestmark = pytest.mark.django_db

POOL = "/pool/"


def test_salesperson_sees_the_team_pool_with_masked_phones(pooled, client_as, salesperson2):
    (client,) = pooled(phone="13812345678", name="公海客户甲")
    page = client_as(salesperson2).get(POOL)
    assert page.status_code == 200
    body = page.content.decode()
    assert "公海客户甲" in body and "138****5678" in body and "13812345678" not in body


def test_manager_sees_masked_phone_and_assign_form(pooled, client_as, manager):
    pooled(phone="13812345678")
    body = client_as(manager).get(POOL).content.decode()
    assert "138****5678" in body and "13812345678" not in body and 'name="salesperson"' in body


def test_other_team_sees_an_empty_pool(pooled, client_as, other_salesperson):
    pooled(name="一部公海客户")
    assert "一部公海客户" not in client_as(other_salesperson).get(POOL).content.decode()


def test_claim_through_the_page(pooled, client_as, salesperson2):
    (client,) = pooled()
    response = client_as(salesperson2).post(reverse("clientpool:claim"), {"clients": [client.pk]})
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.salesperson == salesperson2 and client.in_pool_since is None


def test_claim_over_the_limit_is_refused_with_a_message(pooled, client_as, salesperson2, settings):
    settings.CLIENT_POOL_CLAIM_LIMIT = 1
    clients = pooled(2)
    response = client_as(salesperson2).post(
        reverse("clientpool:claim"), {"clients": [c.pk for c in clients]}
    )
    assert response.status_code == 400
    assert "领取数量超过上限" in response.content.decode()
    assert not PoolEvent.objects.filter(kind="claimed").exists()
    assert Client.objects.filter(in_pool_since__isnull=False).count() == 2


@pytest.mark.parametrize("value", ["²", "abc", "99999999999999999999999", "-1", ""])
def test_crafted_ids_are_refused_cleanly(pooled, client_as, salesperson2, value):
    pooled()
    response = client_as(salesperson2).post(reverse("clientpool:claim"), {"clients": [value]})
    assert response.status_code == 400
    assert not PoolEvent.objects.filter(kind="claimed").exists()


def test_unknown_id_is_404(pooled, client_as, salesperson2):
    pooled()
    response = client_as(salesperson2).post(reverse("clientpool:claim"), {"clients": ["987654"]})
    assert response.status_code == 404


def test_assign_through_the_page(pooled, client_as, manager, salesperson2):
    clients = pooled(2)
    response = client_as(manager).post(
        reverse("clientpool:assign"),
        {"clients": [c.pk for c in clients], "salesperson": salesperson2.pk},
    )
    assert response.status_code == 302
    assert Client.objects.filter(salesperson=salesperson2, in_pool_since__isnull=True).count() == 2
    log = client_as(manager).get(reverse("clientpool:log")).content.decode()
    assert "经理分配" in log and "超期未拜访退回公海" in log


def test_assign_without_salesperson_is_400(pooled, client_as, manager):
    (client,) = pooled()
    response = client_as(manager).post(reverse("clientpool:assign"), {"clients": [client.pk]})
    assert response.status_code == 400
    client.refresh_from_db()
    assert client.in_pool_since is not None
