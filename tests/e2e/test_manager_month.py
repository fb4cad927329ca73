"""The manager's month in Chromium, on the demo department (issue 24): the one 经理待办 page, the
month's order (announce refused naming the missing strategy meeting) and the leader's read access
(a commitment letter and the pipeline). Screenshots go to test-artifacts/e2e/."""

import datetime as dt

import pytest
from django.utils import timezone

from plans.models import CommitmentLetter, MonthlySalesPlan

from .conftest import login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_managers_todo_page(demo, new_page):
    manager = new_page()
    login(manager, "zhangym")
    manager.click("a.nav-link:has-text('经理待办')")
    manager.wait_for_url("**/todo/")
    todo = manager.locator("#manager-todo")
    for label in ("待审核的拜访方案", "待审核的承诺书", "未写的工作日志", "已开户未入金（催办）"):
        line = todo.locator(f"[data-todo='{label}']")
        assert line.count() == 1, label
        assert line.locator("[data-count]").inner_text().strip().isdigit()
    with manager.expect_navigation():
        todo.locator("[data-todo='已开户未入金（催办）'] a").click()
    assert "/problems/inbox/" in manager.url
    shot(manager, "m1-manager-todo")


def test_announce_is_refused_naming_the_missing_meeting(demo, new_page):
    manager = new_page()
    login(manager, "zhangym")
    later = (timezone.localdate().replace(day=1) + dt.timedelta(days=70)).replace(day=1)
    key = f"{later.year}-{later.month:02d}"
    manager.goto(f"/plans/month/?month={key}")
    # no plan yet: the page says why instead of showing the task forms
    assert "请先制定并保存本月销售方案和奖励方案，再分配任务" in manager.content()
    assert manager.locator("form[action*='/plans/month/tasks/']").count() == 0
    manager.fill("[name=sales_plan]", "开户转化")
    manager.fill("[name=reward_plan]", "超额奖励")
    with manager.expect_navigation():
        manager.click("button:has-text('保存')")
    with manager.expect_navigation():
        manager.click("button:has-text('上报办公室')")
    assert "请先召开并记录本月战略经营会，再分配任务" in manager.content()
    manager.on("dialog", lambda d: d.accept())
    with manager.expect_navigation():
        manager.click("button:has-text('宣布并执行')")
    body = manager.content()
    assert "还不能宣布执行，尚缺：1. 召开并记录战略经营会" in body
    assert (
        MonthlySalesPlan.objects.get(team__manager__username="zhangym", month=later).announced_at
        is None
    )
    shot(manager, "m2-announce-refused")


def test_the_leader_reads_a_letter_and_the_pipeline(demo, new_page):
    leader = new_page()
    login(leader, "liuzg")
    letter = CommitmentLetter.objects.filter(status="approved").first()
    leader.goto(f"/plans/letters/{letter.pk}/")
    assert letter.task.salesperson.display_name in leader.content()
    assert leader.locator("button:has-text('审核通过')").count() == 0
    with leader.expect_navigation():
        leader.click("a.nav-link:has-text('销售漏斗')")
    assert "/visits/pipeline/" in leader.url
    assert "销售漏斗" in leader.content()
    shot(leader, "m3-leader-pipeline")
