"""The problem log in Chromium, on the demo department: a salesperson raises a problem on the phone →
the manager escalates it → the leader answers from the home page → the handler resolves it; the
manager acknowledges a reported client from the inbox. Screenshots go to test-artifacts/e2e/."""

import pytest

from accounts.models import User
from problems.models import Problem, ReportAcknowledgement

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page):
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways: {width}px"


def test_problem_raised_escalated_answered_resolved(demo, new_page):
    phone = new_page(PHONE)
    login(phone, "liqiang")
    phone.goto("/problems/new/")
    phone.fill("[name=title]", "客户要求提高交易佣金折扣")
    phone.select_option("[name=category]", "complaint")
    phone.select_option("[name=severity]", "high")
    phone.fill("[name=description]", "客户对比其他机构后要求更低佣金，否则转户。")
    me = User.objects.get(username="liqiang")
    phone.select_option("[name=handler]", str(me.pk))
    no_sideways_scroll(phone)
    shot(phone, "p1-raise-problem-phone")
    with phone.expect_navigation():
        phone.click("button[name=raise]")
    assert "问题已登记" in phone.content()
    problem = Problem.objects.get(title="客户要求提高交易佣金折扣")
    assert problem.status == "open"
    with phone.expect_navigation():
        phone.click("button[name=handle]")
    assert "已开始处理" in phone.content()

    desk = new_page()
    login(desk, "zhangym")
    desk.goto("/problems/")
    with desk.expect_navigation():
        desk.click("text=客户要求提高交易佣金折扣")
    desk.fill("[name=escalate-reason]", "佣金折扣超出营销部权限，请领导决定。")
    desk.once("dialog", lambda dialog: dialog.accept())
    with desk.expect_navigation():
        desk.click("button[name=escalate]")
    assert "已上报主管领导" in desk.content()
    assert desk.locator("button[name=escalate]").count() == 0
    shot(desk, "p2-escalated-manager")

    leader = new_page(PHONE)
    login(leader, "liuzg")
    assert leader.locator("#home-escalations").get_by_text("客户要求提高交易佣金折扣").count() == 1
    no_sideways_scroll(leader)
    shot(leader, "p3-leader-home-phone")
    with leader.expect_navigation():
        leader.locator("#home-escalations").get_by_text("客户要求提高交易佣金折扣").click()
    leader.fill("[name=answer-answer]", "同意按公司最低标准执行，须书面报备。")
    with leader.expect_navigation():
        leader.click("button[name=answer]")
    assert "已答复" in leader.content()
    assert leader.locator("#leader-answer").get_by_text("同意按公司最低标准执行").count() == 1
    shot(leader, "p4-answered-leader-phone")

    phone.goto(f"/problems/{problem.pk}/")
    assert "同意按公司最低标准执行" in phone.content()
    phone.fill("[name=resolve-resolution]", "已按领导意见答复客户，客户同意留存。")
    with phone.expect_navigation():
        phone.click("button[name=resolve]")
    assert "问题已标记为已解决" in phone.content()
    timeline = phone.locator("#problem-timeline").inner_text()
    for state in ("处理中", "已上报领导", "领导已答复", "已解决"):
        assert state in timeline
    no_sideways_scroll(phone)
    shot(phone, "p5-resolved-timeline-phone")
    problem.refresh_from_db()
    assert problem.status == "resolved"
    assert (problem.escalated_by.username, problem.answered_by.username) == ("zhangym", "liuzg")


def test_manager_inbox_acknowledge_and_chase_list(demo, new_page):
    phone = new_page(PHONE)
    login(phone, "zhangym")
    assert phone.locator("#home-problems").count() == 1
    phone.goto("/problems/inbox/")
    no_sideways_scroll(phone)
    shot(phone, "p6-inbox-phone")
    before = ReportAcknowledgement.objects.count()
    form = phone.locator("#reported-clients form").first
    form.locator("[name=comment]").fill("已阅，请分析师本周出方案。")
    with phone.expect_navigation():
        form.locator("button[name=acknowledge]").click()
    assert "已签收" in phone.content()
    assert ReportAcknowledgement.objects.count() == before + 1
    ack = ReportAcknowledgement.objects.order_by("-pk").first()
    phone.goto(f"/visits/clients/{ack.client_id}/")
    assert "已阅，请分析师本周出方案。" in phone.content()
