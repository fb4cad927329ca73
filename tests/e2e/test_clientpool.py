"""The client pool (公海) and the Excel import in Chromium, on the demo department: a salesperson
claims a pooled client on the phone; the manager assigns another and reads the pool's log; the manager
imports clients from an .xlsx — the preview shows the bad row, which is excluded, and the rest is
imported. Screenshots go to test-artifacts/e2e/."""

import io

import pytest
from openpyxl import Workbook

from clientpool.models import PoolEvent
from visits.models import Client

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page):
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways: {width}px"


def test_claim_on_the_phone_and_assign_at_the_desk(demo, new_page):
    pooled = list(
        Client.objects.filter(in_pool_since__isnull=False).order_by("in_pool_since", "pk")
    )
    assert len(pooled) >= 2
    phone = new_page(PHONE)
    login(phone, "liuyang")
    phone.goto("/pool/")
    no_sideways_scroll(phone)
    shot(phone, "pool1-salesperson-phone")
    phone.check(f"#pool-{pooled[0].pk}")
    with phone.expect_navigation():
        phone.click("button[name=claim]")
    assert "已领取 1 位客户" in phone.content()
    assert Client.objects.get(pk=pooled[0].pk).salesperson.username == "liuyang"

    desk = new_page()
    login(desk, "zhangym")
    desk.goto("/pool/")
    desk.check(f"#pool-{pooled[1].pk}")
    chenjing = Client.objects.get(pk=pooled[1].pk).team.members.get(username="chenjing")
    desk.select_option("[name=salesperson]", str(chenjing.pk))
    with desk.expect_navigation():
        desk.click("button[name=assign]")
    assert "已将 1 位客户分配给" in desk.content()
    shot(desk, "pool2-manager-assigned")
    desk.goto("/pool/log/")
    assert "营销人员领取" in desk.content() and "经理分配" in desk.content()
    assert PoolEvent.objects.filter(client=pooled[1], kind="assigned").exists()


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["客户姓名", "联系电话", "营销人员账号", "客户来源", "风险偏好", "备注"])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_manager_imports_clients_from_excel(demo, new_page, tmp_path):
    path = tmp_path / "clients.xlsx"
    path.write_bytes(
        _xlsx(
            [
                ("导入甲", "15900000001", "wangfang", "活动/讲座", "稳健型", "展会名单"),
                ("导入乙", "12345", "wangfang", "", "", ""),
                ("导入丙", "15900000003", "liqiang", "", "进取型", ""),
            ]
        )
    )
    page = new_page(PHONE)
    login(page, "zhangym")
    page.goto("/imports/")
    no_sideways_scroll(page)
    with page.expect_download() as download:
        page.click("text=下载导入模板")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.set_input_files("[name=file]", str(path))
    with page.expect_navigation():
        page.click("button[name=upload]")
    assert "电话号码不正确" in page.content()
    # a row with errors is never imported: it says so instead of offering a box to untick
    assert "不导入" in page.locator("#import-errors").inner_text()
    no_sideways_scroll(page)
    shot(page, "import1-preview-phone")
    with page.expect_navigation():
        page.click("button[name=confirm]")
    assert "已导入 2 位客户" in page.content()
    shot(page, "import2-imported-phone")
    assert set(Client.objects.filter(name__startswith="导入").values_list("name", flat=True)) == {
        "导入甲",
        "导入丙",
    }
