"""The leader's side in Chromium: a reward proposal goes manager → leader (rejected) → manager
(revised) → leader (approved); the leader reads clients with masked numbers. Screenshots go to
test-artifacts/e2e/."""

import re

import pytest

from proposals.models import Proposal
from visits.models import Client

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways: {width}px"


def test_proposal_rejected_revised_and_approved(demo, new_page):
    manager = new_page()
    login(manager, "zhangym")
    # the manager's menu groups 奖惩建议 under 团队
    manager.click("#mainnav a.dropdown-toggle:has-text('团队')")
    manager.click("#mainnav a.dropdown-item:has-text('奖惩建议')")
    manager.click("a:has-text('提建议') >> nth=0")  # the first salesperson of the team
    assert "任务完成情况" in manager.input_value("[name=basis]")  # prefilled
    manager.select_option("[name=kind]", "reward")
    manager.fill("[name=amount]", "3000")
    manager.fill("[name=reason]", "本月新开户三户，超额完成入金任务")
    shot(manager, "p1-manager-proposes")
    with manager.expect_navigation():
        manager.click("button:has-text('保存草稿')")
    assert "已保存为草稿" in manager.content()
    with manager.expect_navigation():
        manager.click("button:has-text('提交领导审批')")
    assert "已提交领导审批" in manager.content()
    proposal = Proposal.objects.get(reason="本月新开户三户，超额完成入金任务")
    assert proposal.status == "submitted"

    leader = new_page(PHONE)
    login(leader, "liuzg")
    assert "待审批的奖惩建议" in leader.content()
    no_sideways_scroll(leader)
    shot(leader, "p2-leader-home-phone")
    leader.goto("/proposals/queue/")
    leader.click(f"a[href='/proposals/{proposal.pk}/']")
    no_sideways_scroll(leader)
    with leader.expect_navigation():
        leader.click("button:has-text('驳回')")  # no reason yet: refused, nothing changed
    assert "驳回时必须填写原因" in leader.content()
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"
    leader.fill("[name=reason]", "金额偏高，请按奖励方案调整为 2000 元")
    with leader.expect_navigation():
        leader.click("button:has-text('驳回')")
    assert "已驳回" in leader.content()
    shot(leader, "p3-leader-rejected-phone")

    manager.goto("/")
    assert "金额偏高，请按奖励方案调整为 2000 元" in manager.content()
    manager.goto(f"/proposals/{proposal.pk}/")
    with manager.expect_navigation():
        manager.click("button:has-text('修改后重新提交')")
    with manager.expect_navigation():
        manager.click(f"a[href='/proposals/{proposal.pk}/edit/']")
    manager.fill("[name=amount]", "2000")
    with manager.expect_navigation():
        manager.click("button:has-text('保存草稿')")
    with manager.expect_navigation():
        manager.click("button:has-text('提交领导审批')")
    assert Proposal.objects.get(pk=proposal.pk).status == "submitted"

    leader.goto(f"/proposals/{proposal.pk}/")
    assert "¥2,000.00" in leader.content()
    with leader.expect_navigation():
        leader.click("button:has-text('批准')")
    assert "已批准" in leader.content()
    proposal.refresh_from_db()
    assert (proposal.status, str(proposal.amount), proposal.decided_by.username) == (
        "approved",
        "2000.00",
        "liuzg",
    )
    manager.goto(f"/proposals/{proposal.pk}/")
    assert "本建议已固定" in manager.content()
    assert manager.locator(f"a[href='/proposals/{proposal.pk}/edit/']").count() == 0
    shot(manager, "p4-manager-sees-approved")
    response = manager.request.get(f"/proposals/month/{proposal.month:%Y-%m}/pdf/")
    assert response.ok and response.body().startswith(b"%PDF")


def test_leader_reads_clients_masked_on_a_phone(demo, new_page):
    page = new_page(PHONE)
    login(page, "liuzg")
    page.goto("/visits/clients/")
    no_sideways_scroll(page)
    client = Client.objects.exclude(phone="").order_by("pk").first()
    page.goto(f"/visits/clients/{client.pk}/")
    text = page.content()
    assert client.phone not in text
    assert re.search(r"\d{3}\*{4}\d{4}", text)
    assert page.locator("text=下一步操作").count() == 0
    no_sideways_scroll(page)
    shot(page, "p5-leader-client-masked-phone")
