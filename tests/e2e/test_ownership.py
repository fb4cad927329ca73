"""Ownership and privacy in Chromium, on the demo department: a salesperson on a 390 px phone sees
her client's number masked, reveals it with one click (on record) and can call it; the manager
finds the demo transfer request on his home page and approves it. axe-core checks every page."""

import re

import pytest

from ownership.models import ClientTransfer, PhoneReveal
from visits.models import Client

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways: {width}px"


def test_reveal_on_a_phone_and_the_manager_approves_a_transfer(demo, new_page):
    client = (
        Client.objects.live()
        .filter(salesperson__username="wangfang")
        .exclude(phone="")
        .exclude(transfers__state="pending")
        .order_by("pk")
        .first()
    )
    sp = new_page(PHONE)
    login(sp, "wangfang")
    sp.goto(f"/visits/clients/{client.pk}/")
    text = sp.content()
    assert client.phone not in text and re.search(r"\d{3}\*{4}\d{4}", text)
    no_sideways_scroll(sp)
    shot(sp, "o1-client-masked-phone")
    with sp.expect_navigation():
        sp.click("button[name=reveal]")
    assert sp.locator(f"a[href='tel:{client.phone}']").count() == 1
    assert PhoneReveal.objects.filter(client=client, user__username="wangfang").count() == 1
    no_sideways_scroll(sp)
    shot(sp, "o2-client-revealed-phone")

    transfer = ClientTransfer.objects.get(state="pending")
    manager = new_page()
    login(manager, "zhangym")
    assert "客户转移申请待审批" in manager.content()
    manager.click("#home-transfers a")
    assert transfer.client.name in manager.content()
    shot(manager, "o3-manager-transfer-queue")
    with manager.expect_navigation():
        manager.click("button[name=approve]")
    assert "已批准" in manager.content()
    transfer.refresh_from_db()
    assert transfer.state == "approved"
    assert Client.objects.get(pk=transfer.client_id).salesperson.username == "liqiang"
