"""Suitability in Chromium, on the demo department: the analyst assesses a client (C3), is refused
an R4 product, records the client's written insistence and the signed risk warning; the manager
approves the plan from the queue on a phone and the client's timeline shows it all. Screenshots go
to test-artifacts/e2e/."""

import pytest
from django.utils import timezone

from suitability.models import PlanSuitability, Product, Questionnaire
from visits.models import Client

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page):
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways: {width}px"


def test_assess_refuse_insist_approve(demo, new_page):
    client = (
        Client.objects.filter(
            status="reported", team__name="营销一部", risk_assessments__isnull=True
        )
        .order_by("pk")
        .first()
    )
    assert client is not None, "the demo has a reported client without an assessment"
    url = f"/visits/clients/{client.pk}/"
    desk = new_page()
    login(desk, "zhoumin")
    desk.goto(url)
    assert "尚未评估" in desk.inner_text("#suitability")
    with desk.expect_navigation():
        desk.locator("#suitability").get_by_role("link", name="评估").click()
    questionnaire = Questionnaire.objects.get(is_active=True)
    for question in questionnaire.questions.all():
        choice = question.choices.get(score=3)
        desk.check(f"input[name='q{question.pk}'][value='{choice.pk}']")
    shot(desk, "s1-assessment")
    with desk.expect_navigation():
        desk.click("button[name=assess]")
    assert "评估完成：C3 平衡型" in desk.content()
    assert "C3 平衡型" in desk.inner_text("#suitability")

    growth = Product.objects.get(code="CZ401")  # R4
    desk.click("button[data-bs-toggle=collapse]:has-text('制定投资方案')")
    desk.fill("[name=prepare_plan-content]", "客户希望配置成长类股票基金")
    desk.check(f"[name=prepare_plan-products][value='{growth.pk}']")
    desk.wait_for_timeout(500)
    with desk.expect_navigation():
        desk.click("button[type=submit]:has-text('确认制定投资方案')")
    assert "高于客户的风险承受能力等级" in desk.content()
    assert not PlanSuitability.objects.filter(client=client).exists()
    shot(desk, "s2-refused-r4")
    desk.fill(
        "[name=prepare_plan-insistence]", "本人已阅读风险揭示书，了解该产品风险较高，坚持购买。"
    )
    desk.fill("[name=prepare_plan-risk_warning_signed_on]", timezone.localdate().isoformat())
    with desk.expect_navigation():
        desk.click("button[type=submit]:has-text('确认制定投资方案')")
    assert "等待营销部经理的适当性审批" in desk.content()
    suitability = PlanSuitability.objects.get(client=client)
    assert suitability.verdict == "pending"
    client.refresh_from_db()
    assert client.status == "reported"

    phone = new_page(PHONE)
    login(phone, "zhangym")
    assert phone.locator("#home-suitability").count() == 1
    phone.goto("/suitability/approvals/")
    card = phone.locator(f"#plan-{suitability.pk}")
    assert "坚持购买" in card.inner_text()
    no_sideways_scroll(phone)
    shot(phone, "s3-approval-queue-phone")
    with phone.expect_navigation():
        card.locator("button[name=approve]").click()
    assert "客户进入「方案已制定」" in phone.content()
    suitability.refresh_from_db()
    client.refresh_from_db()
    assert suitability.verdict == "approved" and client.status == "plan_ready"
    phone.goto(url)
    body = phone.inner_text("main")
    for text in (
        "风险承受能力评估",
        "客户坚持购买（超出风险等级）",
        "经理适当性审批",
        "方案已制定",
    ):
        assert text in body, text
    no_sideways_scroll(phone)
    shot(phone, "s4-client-timeline-phone")
