"""外勤 in Chromium, on the demo department: the app is installable (manifest, service worker);
a salesperson logs an onsite visit with the network switched off — position from the browser's
geolocation emulation, a photo through the file input — sees it 待同步, and it is sent when the
network returns; replaying it saves nothing twice; a visit for a client reassigned meanwhile is
refused on sync with the server's message and kept until discarded; the manager's 外勤 day view
shows the check-in. Screenshots go to test-artifacts/e2e/."""

import io

import pytest
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from accounts.models import User
from fieldwork import pwa
from fieldwork.models import CheckIn, PositionState
from visits.models import Client, Visit

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

POSITION = {"latitude": 31.2351, "longitude": 121.5002, "accuracy": 20}

ENTRIES = """() => window.salesopsQueue.all().then(rows => rows.map(r => ({
  key: r.key, fields: r.fields, status: r.status, message: r.message, photo: !!r.photo})))"""

REPLAY = """async (entry) => {
  const body = new FormData();
  entry.fields.forEach(p => body.append(p[0], p[1]));
  body.append("submission_key", entry.key);
  const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
  const r = await fetch("/visits/log/", {method: "POST", body,
    headers: {"Accept": "application/json", "X-CSRFToken": token}});
  return r.json();
}"""


def photo_bytes() -> bytes:
    img = Image.new("RGB", (3000, 2000), (40, 120, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def no_sideways_scroll(page):
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways: {width}px"


def wait_queue_empty(page):
    """Until the device's queue is empty (the sync after the page loaded has finished)."""
    count = "() => window.salesopsQueue ? window.salesopsQueue.all().then(r => r.length) : -1"
    for _ in range(60):
        if page.evaluate(count) == 0:
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"the queue on {page.url} never emptied: {page.evaluate(ENTRIES)}")


def fill_visit(page, client, summary):
    page.select_option("#id_client", str(client.pk))
    page.fill("#id_summary", summary)
    page.wait_for_function(
        "() => document.getElementById('id_checkin-position_state').value === 'ok'"
    )


def test_offline_visit_with_checkin_syncs_once(demo, new_page, live_server):
    phone = new_page(PHONE)
    context = phone.context
    context.grant_permissions(["geolocation"], origin=live_server.url)
    context.set_geolocation(POSITION)
    login(phone, "wangfang")

    # installable: the manifest and a service worker controlling the page
    manifest = phone.evaluate(
        "() => fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    assert manifest["short_name"] == "营销管理" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    scope = phone.evaluate("() => navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == live_server.url + "/"
    phone.reload()  # a page loaded before the worker was active is controlled from the next load
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null")
    # its caches carry the release's version (a new release deletes them)
    keys = phone.evaluate("() => caches.keys()")
    assert f"salesops-static-{pwa.release()}" in keys

    me = User.objects.get(username="wangfang")
    mine = Client.objects.filter(
        salesperson=me,
        status__in=["visited", "needs_analyzed", "revisited", "account_opened", "funded"],
        archived_at=None,
    ).order_by("pk")
    first, second = mine[0], mine[1]
    phone.goto("/visits/log/")  # kept by the service worker (network first)
    phone.goto("/visits/clients/")
    phone.goto("/visits/log/")

    # no network: the form still opens (from the phone's copy) and the visit is queued
    context.set_offline(True)
    phone.reload()
    assert phone.locator("#visit-form").count() == 1
    before = Visit.objects.count()
    fill_visit(phone, first, "离线记录：在客户店里谈了定投计划")
    phone.set_input_files(
        "#id_checkin-photo",
        files=[{"name": "shop.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}],
    )
    assert phone.locator("#checkin-preview").is_visible()
    phone.click("#visit-form button[type=submit]")
    phone.wait_for_selector("#sync-badge:not([hidden])")
    assert phone.locator("#sync-badge [data-pending]").inner_text() == "1"
    assert phone.locator("#queued-note").is_visible()
    fill_visit(phone, second, "离线记录：第二位客户")
    phone.click("#visit-form button[type=submit]")
    phone.wait_for_function(
        "() => document.querySelector('#sync-badge [data-pending]').textContent === '2'"
    )
    assert Visit.objects.count() == before
    no_sideways_scroll(phone)
    shot(phone, "f1-queued-offline-phone")
    entries = phone.evaluate(ENTRIES)
    assert len(entries) == 2 and entries[0]["photo"]

    # meanwhile the second client is given to a colleague: its visit will be refused on sync
    Client.objects.filter(pk=second.pk).update(salesperson=User.objects.get(username="liqiang"))

    context.set_offline(False)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    phone.wait_for_function(
        "() => document.querySelector('#sync-badge [data-pending]').textContent === '0'"
    )
    assert Visit.objects.count() == before + 1
    visit = Visit.objects.get(client=first, summary__startswith="离线记录")
    checkin = CheckIn.objects.get(visit=visit)
    assert checkin.position_state == PositionState.OK
    assert abs(float(checkin.latitude) - POSITION["latitude"]) < 0.0001
    assert checkin.accuracy == 20 and checkin.photo

    # the refusal is on the queued visit, with the server's message, until discarded
    rejected = phone.locator("#sync-queue [data-state=rejected]")
    assert rejected.count() == 1
    assert phone.locator("#sync-badge [data-rejected]").inner_text() == "1"
    message = phone.locator("#sync-queue [data-message]").inner_text()
    assert "该客户已不由您负责" in message
    shot(phone, "f2-rejected-on-sync-phone")

    # a second replay of the synced visit's key saves nothing
    answer = phone.evaluate(REPLAY, entries[0])
    assert answer["ok"] and answer["duplicate"] and answer["visit"] == visit.pk
    assert Visit.objects.count() == before + 1

    phone.once("dialog", lambda dialog: dialog.accept())
    phone.click("#sync-queue [data-discard]")
    phone.wait_for_selector("#sync-badge[hidden]", state="attached")
    assert phone.evaluate(ENTRIES) == []

    # online, the POST is lost on a dropped connection: the copy kept on the device is sent later
    third = mine[2]
    phone.goto(f"/visits/log/?client={third.pk}")
    fill_visit(phone, third, "在线提交但连接中断")
    phone.route(
        "**/visits/log/*",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    try:
        phone.click("#visit-form button[type=submit]")
        phone.wait_for_timeout(1000)
    except PlaywrightError:
        pass
    phone.unroute("**/visits/log/*")
    assert not Visit.objects.filter(client=third, summary="在线提交但连接中断").exists()
    phone.goto("/")
    wait_queue_empty(phone)
    assert Visit.objects.filter(client=third, summary="在线提交但连接中断").count() == 1

    # online and answered: saved once, nothing left on the device, no second copy from the sync
    phone.goto(f"/visits/log/?client={third.pk}")
    fill_visit(phone, third, "在线正常提交")
    with phone.expect_navigation():
        phone.click("#visit-form button[type=submit]")
    assert f"/visits/clients/{third.pk}/" in phone.url
    wait_queue_empty(phone)
    assert Visit.objects.filter(client=third, summary="在线正常提交").count() == 1

    # the client's page shows the check-in
    phone.goto(f"/visits/clients/{first.pk}/")
    assert phone.locator("[data-checkin-state=signed]").count() >= 1
    shot(phone, "f3-client-page-checkin-phone")
    no_sideways_scroll(phone)

    # the manager's 外勤 day view, on a desk
    desk = new_page()
    login(desk, "zhangym")
    desk.goto("/")
    desk.click("#home-field a")
    assert "/field/day/" in desk.url
    card = desk.locator('[data-person="wangfang"]')
    row = card.locator(f'[data-visit="{visit.pk}"]')
    assert row.locator("[data-checkin-state=signed]").count() == 1
    assert first.name in row.inner_text()
    src = row.locator("img").get_attribute("src")
    served = desk.request.get(src)  # with the manager's session
    assert served.ok and served.headers["content-type"] == "image/jpeg"
    stored = Image.open(io.BytesIO(served.body()))
    assert max(stored.size) <= 1600 and not stored.getexif()
    assert desk.locator("[data-checkin-state=refused]").count() >= 1  # the demo's refused one
    shot(desk, "f4-manager-day-view")


def test_refused_geolocation_is_recorded_as_refused(demo, new_page):
    phone = new_page(PHONE)  # no geolocation permission granted: the browser refuses
    login(phone, "liqiang")
    phone.goto("/visits/log/")
    phone.wait_for_function(
        "() => document.getElementById('id_checkin-position_state').value === 'refused'"
    )
    assert "定位被拒绝" in phone.locator("#checkin-status").inner_text()
    assert phone.locator("#id_checkin-latitude").input_value() == ""
