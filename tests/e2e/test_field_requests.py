"""What the walks found in the field (issue 24), in Chromium on the demo department:
- 申请转移: 黄伟 (营销二部) registers a number 王芳 (营销一部) already has; the refusal links to a
  request that shows the client masked; 张永明, 王芳's manager, approves it and the client is 黄伟's;
- 编辑后重发: a visit queued offline for a new client whose number is taken is refused on sync; the
  queue opens it in the form with the error beside the number, and the corrected visit is sent;
- choosing the purpose before the client keeps the purpose chosen."""

import pytest

from notifications.models import Kind, Notification
from ownership.models import ClientTransfer
from visits.models import Client, Visit

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def _numbered(username: str) -> Client:
    return (
        Client.objects.live()
        .filter(salesperson__username=username, in_pool_since=None)
        .exclude(phone_normalized="")
        .exclude(transfers__state="pending")
        .order_by("pk")
        .first()
    )


def test_a_salesperson_asks_for_a_client_and_its_owners_manager_approves(demo, new_page):
    client = _numbered("wangfang")
    sp = new_page(PHONE)
    login(sp, "huangwei")
    sp.goto("/visits/clients/new/")
    sp.fill("#id_name", "重复登记")
    sp.fill("#id_phone", client.phone)
    with sp.expect_navigation():
        sp.click("form.card-body button[type=submit]")
    assert "该号码已是 王* 的客户" in sp.content()
    with sp.expect_navigation():
        sp.click("#number-taken a")
    text = sp.content()
    assert client.name not in text and client.phone not in text and "王芳" not in text
    sp.fill("#id_reason", "客户主动联系我，希望由我服务")
    with sp.expect_navigation():
        sp.click("form.card-body button[type=submit]")
    assert "转移申请已提交" in sp.content()
    shot(sp, "r1-transfer-asked-phone")
    transfer = ClientTransfer.objects.get(client=client, state="pending")
    assert transfer.requested_by.username == "huangwei"

    manager = new_page()
    login(manager, "zhangym")
    manager.goto("/ownership/transfers/")
    item = manager.locator("#pending-transfers li", has_text="客户主动联系我，希望由我服务")
    assert "黄伟" in item.inner_text()
    with manager.expect_navigation():
        item.locator("button[name=approve]").click()
    assert "已批准" in manager.content()
    moved = Client.objects.get(pk=client.pk)
    assert moved.salesperson.username == "huangwei" and moved.team.name == "营销二部"
    told = Notification.objects.get(kind=Kind.TRANSFER_DECIDED, recipient__username="huangwei")
    assert told.params["client"] == client.name


def test_a_visit_refused_on_sync_is_edited_and_sent_again(demo, new_page):
    taken = _numbered("huangwei")
    sp = new_page(PHONE)
    context = sp.context
    login(sp, "wangfang")
    sp.goto("/visits/log/")
    context.set_offline(True)
    sp.select_option("#id_client", "")
    sp.fill("#id_new_name", "路边咨询的客户")
    sp.fill("#id_new_phone", taken.phone)
    sp.check("input[name=kind][value=invited]")
    sp.select_option("#id_purpose", "first")
    sp.fill("#id_summary", "离线记录：问了基金定投")
    sp.click("#visit-form button[type=submit]")
    sp.wait_for_selector("#sync-badge:not([hidden])")
    before = Visit.objects.count()

    context.set_offline(False)
    sp.evaluate("() => window.dispatchEvent(new Event('online'))")
    sp.wait_for_selector("#sync-queue [data-state=rejected]")
    assert "该号码已是 黄* 的客户" in sp.locator("#sync-queue [data-message]").inner_text()
    assert Visit.objects.count() == before

    sp.click("#sync-queue [data-edit]")
    sp.wait_for_selector("#resend-note")
    assert sp.input_value("#id_new_name") == "路边咨询的客户"
    assert sp.input_value("#id_summary") == "离线记录：问了基金定投"
    assert "该号码已是 黄* 的客户" in sp.locator("#id_new_phone ~ [data-resend-error]").inner_text()
    shot(sp, "r2-resend-edit-phone")
    sp.fill("#id_new_phone", "13912340001")
    with sp.expect_navigation():
        sp.click("#visit-form button[type=submit]")
    new = Client.objects.get(name="路边咨询的客户")
    assert Visit.objects.filter(client=new, summary="离线记录：问了基金定投").count() == 1
    # the refused copy went when the edited one was sent; the sent one once the server had it
    count = "() => window.salesopsQueue ? window.salesopsQueue.all().then(r => r.length) : -1"
    for _ in range(40):
        if sp.evaluate(count) == 0:
            break
        sp.wait_for_timeout(500)
    assert sp.evaluate(count) == 0


def test_the_purpose_chosen_first_is_kept_when_the_client_is_picked(demo, new_page):
    visited = (
        Client.objects.live()
        .filter(salesperson__username="wangfang", status="visited", in_pool_since=None)
        .order_by("pk")
        .first()
    )
    sp = new_page()
    login(sp, "wangfang")
    sp.goto(f"/visits/log/?client={visited.pk}")
    sp.goto("/visits/log/")
    sp.select_option("#id_purpose", "service")
    if sp.locator(f"#id_client option[value='{visited.pk}']").count() == 0:
        pytest.skip("the client is not on the shortlist")
    sp.select_option("#id_client", str(visited.pk))
    assert sp.input_value("#id_purpose") == "service"
    # with no purpose chosen, the client's state proposes one
    sp.goto("/visits/log/")
    sp.select_option("#id_client", str(visited.pk))
    assert sp.input_value("#id_purpose") == "needs"


def test_the_year_pace_card_shows_every_column_at_1280(demo, new_page):
    from accounts.models import Team

    team = Team.objects.get(name="营销一部")
    manager = new_page({"width": 1280, "height": 900})
    login(manager, "zhangym")
    overflow = """() => { const box = document.querySelector('#year-pace .table-responsive');
      return box ? box.scrollWidth - box.clientWidth : -1; }"""
    for url in (f"/performance/team/{team.pk}/", f"/performance/team/{team.pk}/annual/"):
        manager.goto(url)
        assert manager.locator("#year-pace table").count() == 1, url
        assert manager.evaluate(overflow) <= 0, f"{url}: the last column is cut"
    shot(manager, "r3-year-pace-1280")
