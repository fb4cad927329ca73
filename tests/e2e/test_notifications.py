"""The bell in Chromium: the manager returns a plan, the salesperson's bell count rises (on a
phone), they open the notification — it leads to the plan — and the count falls. Screenshots go to
test-artifacts/e2e/."""

import pytest

from notifications.models import Notification
from plans.models import VisitPlan

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def bell_count(page) -> int:
    badge = page.locator("#bell-count")
    return int(badge.inner_text()) if badge.count() else 0


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways: {width}px"


def test_bell_rises_when_a_plan_is_returned_and_falls_when_read(demo, new_page):
    plan = VisitPlan.objects.filter(status="submitted", team__manager__username="zhangym").first()
    assert plan is not None, "the demo leaves a plan waiting for review"
    owner = plan.owner

    sales = new_page(PHONE)
    login(sales, owner.username)
    before = bell_count(sales)
    assert before == Notification.objects.filter(recipient=owner, read_at__isnull=True).count()

    manager = new_page()
    login(manager, "zhangym")
    manager.goto(f"/plans/{plan.pk}/")
    manager.fill("[name=reason]", "周三的拜访太集中，请重新安排")
    with manager.expect_navigation():
        manager.click("button:has-text('打回重写')")
    assert VisitPlan.objects.get(pk=plan.pk).status == "returned"

    sales.goto("/")
    assert bell_count(sales) == before + 1
    no_sideways_scroll(sales)
    shot(sales, "n1-bell-risen-phone")
    sales.click("#bell")
    assert "周三的拜访太集中，请重新安排" in sales.content()
    no_sideways_scroll(sales)
    shot(sales, "n2-notifications-phone")
    entry = Notification.objects.filter(
        recipient=owner, kind="plan_returned", read_at__isnull=True
    ).latest("pk")  # the one this return raised (the demo may hold an older one)
    with sales.expect_navigation():
        sales.click(f"[data-notification='{entry.pk}'] button:has-text('去处理')")
    assert sales.url.endswith(f"/plans/{plan.pk}/")
    assert "周三的拜访太集中，请重新安排" in sales.content()  # the plan's own return reason
    assert bell_count(sales) == before
    assert Notification.objects.get(pk=entry.pk).read_at is not None

    if before:
        sales.goto("/notifications/")
        with sales.expect_navigation():
            sales.click("#read-all")
        assert bell_count(sales) == 0
    sales.goto("/notifications/settings/")
    with sales.expect_navigation():
        sales.click("#calendar-new")
    assert "/calendar/" in sales.input_value("#feed-url")
    no_sideways_scroll(sales)
    shot(sales, "n3-settings-phone")
