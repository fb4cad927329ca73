"""Issue 10's forms in Chromium on a 390 px phone: the purpose 记录拜访 proposes for the client picked
from the dropdown, and a back-button resubmission that creates nothing."""

import pytest

from visits.models import Client, Visit

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_revisit_from_the_dropdown_moves_plan_ready_client_and_back_resubmit_creates_nothing(
    demo, new_page
):
    client = Client.objects.filter(salesperson__username="wangfang", status="plan_ready").first()
    assert client is not None, "the demo gives 王芳 a client with a plan to revisit"
    visits_before = Visit.objects.filter(client=client).count()
    page = new_page(PHONE)
    login(page, "wangfang")
    page.goto("/visits/log/")
    assert page.input_value("[name=purpose]") == "first"  # nothing chosen yet: a new client
    page.select_option("[name=client]", str(client.pk))
    assert page.input_value("[name=purpose]") == "plan_revisit"
    assert not page.is_visible("#new-client")
    page.fill("[name=summary]", "带投资方案上门回访")
    shot(page, "i10-revisit-from-dropdown-phone")
    with page.expect_navigation():
        page.click("#visit-form button[type=submit]")
    assert "已记录拜访" in page.content()
    client.refresh_from_db()
    assert client.status == "revisited"
    assert Visit.objects.filter(client=client).count() == visits_before + 1
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390

    # back to the filled-in form and save it again: nothing new, the first visit is shown
    page.go_back()
    page.wait_for_selector("#visit-form")
    if page.input_value("[name=summary]") == "":  # the page was loaded afresh: fill it again
        page.select_option("[name=client]", str(client.pk))
        page.fill("[name=summary]", "带投资方案上门回访")
    with page.expect_navigation():
        page.click("#visit-form button[type=submit]")
    assert Visit.objects.filter(client=client).count() == visits_before + 1
    assert "没有重复保存" in page.content()
    assert f"/visits/clients/{client.pk}/" in page.url
