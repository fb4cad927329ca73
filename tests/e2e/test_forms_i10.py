"""Issue 10's forms in Chromium on a 390 px phone: the purpose 记录拜访 proposes for the client picked
from the dropdown, and a back-button resubmission that creates nothing."""

import pytest
from django.utils import timezone

from plans import services as plan_services
from plans.models import VisitPlan, VisitPlanItem
from visits.models import Client, Visit
from visits.rules import suggested_purpose

from .conftest import DESK, PHONE, login, shot

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


# visible boxes that scroll sideways inside the page (a table in .table-responsive wider than the phone)
SCROLLING_BOXES = """
[...document.querySelectorAll('*')].filter(el => {
  const style = getComputedStyle(el);
  return ['auto', 'scroll'].includes(style.overflowX) && el.offsetParent !== null
    && el.scrollWidth > el.clientWidth + 1;
}).map(el => el.className)
"""

PHONE_PAGES = [
    "/",
    "/visits/",
    "/visits/clients/",
    "/visits/log/",
    "/plans/",
    "/plans/log/",
]


def test_nothing_scrolls_sideways_on_a_phone_and_plan_items_open_the_visit_form(demo, new_page):
    page = new_page(PHONE)
    login(page, "wangfang")
    plan = (
        VisitPlan.objects.filter(owner__username="wangfang", horizon="week")
        .order_by("-period_start")
        .first()
    )
    client = Client.objects.filter(salesperson__username="wangfang").first()
    long_summary = "客户详细介绍了家庭资产配置情况。" * 30  # 480 characters
    Visit.objects.filter(pk=client.visits.first().pk).update(summary=long_summary)
    pages = [*PHONE_PAGES, f"/plans/{plan.pk}/", f"/visits/clients/{client.pk}/"]
    wide = {}
    for url in pages:
        page.goto(url)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        inner = page.evaluate(SCROLLING_BOXES)
        if width > 390 or inner:
            wide[url] = (width, inner)
    assert wide == {}

    # the plan's items are cards with their buttons on screen
    page.goto(f"/plans/{plan.pk}/")
    boxes = page.evaluate(
        "[...document.querySelectorAll('.table-cards .btn')].filter(b => b.offsetParent)"
        ".map(b => b.getBoundingClientRect().right)"
    )
    assert all(right <= 390 for right in boxes)
    shot(page, "i10-plan-items-as-cards-phone")

    # a long visit summary is shortened; 展开 shows the rest
    page.goto(f"/visits/clients/{client.pk}/")
    details = page.locator("details.expandable").first
    assert not details.locator("div").is_visible()
    details.locator("summary").click()
    assert details.locator("div").is_visible()
    assert long_summary in details.locator("div").inner_text()

    # today's planned visit on the home page opens 记录拜访 with its client and purpose filled in
    today = timezone.localdate()
    item = (
        VisitPlanItem.objects.filter(
            plan__owner__username="wangfang", date=today, client__isnull=False, visit__isnull=True
        )
        .select_related("client")
        .first()
    )
    if item is None:  # the demo's day may have none left open: plan one
        item = _plan_today(today)
    page.goto("/")
    with page.expect_navigation():
        page.click(f"a[href*='client={item.client_id}&purpose={item.purpose}']")
    assert page.input_value("[name=client]") == str(item.client_id)
    assert page.input_value("[name=purpose]") == item.purpose
    shot(page, "i10-plan-item-opens-visit-form-phone")


def _plan_today(today):
    """An open planned visit today for 王芳, in her plan of this week."""
    from accounts.models import User

    owner = User.objects.get(username="wangfang")
    plan = VisitPlan.objects.filter(
        owner=owner, horizon="week", period_start__lte=today, period_end__gte=today
    ).first() or plan_services.plan_create(owner=owner, horizon="week", period_start=today)
    client = Client.objects.filter(salesperson=owner).exclude(status="dropped").first()
    purpose = suggested_purpose(client.status)
    return VisitPlanItem.objects.create(plan=plan, date=today, client=client, purpose=purpose)


ROLE_PAGES = {
    "wangfang": [
        "/",
        "/visits/",
        "/visits/clients/",
        "/visits/log/",
        "/plans/",
        "/plans/log/",
        "/plans/my-month/",
        "/visits/clients/new/",
    ],
    "zhangym": [
        "/",
        "/visits/pipeline/",
        "/plans/review/",
        "/plans/month/",
        "/plans/focus/",
        "/plans/week/",
        "/reports/",
        "/reports/submissions/",
    ],
    "zhengxin": ["/", "/reports/", "/reports/submissions/", "/plans/office/"],
}


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["phone", "desk"])
def test_each_roles_pages_pass_axe_core(demo, new_page, viewport):
    """The new_page fixture runs axe-core (WCAG 2 A/AA) over every page visited here."""
    for username, urls in ROLE_PAGES.items():
        page = new_page(viewport)
        login(page, username)
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, url
