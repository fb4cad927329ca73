"""The pages: assessing a client, the plan form with products and insistence, the manager's queue."""

import uuid

import pytest
from django.urls import reverse

from suitability.models import PlanSuitability, Questionnaire, RiskAssessment
from tests.visits.factories import ClientFactory
from visits.models import Client, InvestmentPlan

from .factories import assess, product

pytestmark = pytest.mark.django_db


def form_answers(points):
    questionnaire = Questionnaire.objects.get(is_active=True)
    return {f"q{q.pk}": q.choices.get(score=points).pk for q in questionnaire.questions.all()}


def test_assess_a_client_on_the_page(client_as, reported, salesperson):
    web = client_as(salesperson)
    url = reverse("suitability:assess", args=[reported.pk])
    page = web.get(url).content.decode()
    assert "您的年龄段是？" in page and "投资者类别" in page
    response = web.post(url, {**form_answers(4), "investor_class": "ordinary"})
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:client_detail", args=[reported.pk])
    a = RiskAssessment.objects.get(client=reported)
    assert (a.level, a.score, a.assessed_by) == ("C4", 32, salesperson)
    detail = web.get(response["Location"]).content.decode()
    assert "C4 成长型" in detail and "评估有效期至" in detail


def test_an_unanswered_question_is_refused_on_the_page(client_as, reported, salesperson):
    answers = form_answers(3)
    answers.pop(next(iter(answers)))
    response = client_as(salesperson).post(
        reverse("suitability:assess", args=[reported.pk]), {**answers, "investor_class": "ordinary"}
    )
    assert response.status_code == 400
    assert "第 1 题未作答" in response.content.decode()
    assert not RiskAssessment.objects.exists()


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "abc", ""])
def test_crafted_answers_are_a_clear_answer(client_as, reported, salesperson, value):
    answers = form_answers(3)
    answers[next(iter(answers))] = value
    response = client_as(salesperson).post(
        reverse("suitability:assess", args=[reported.pk]), {**answers, "investor_class": "x"}
    )
    assert response.status_code == 400
    assert not RiskAssessment.objects.exists()


def plan_post(client, products, **extra):
    data = {
        "prepare_plan-version": client.version,
        "prepare_plan-content": "资产配置",
        "prepare_plan-products": [p.pk for p in products],
        "prepare_plan-revisit_due": "2099-01-01",
    }
    return data | {f"prepare_plan-{k}": v for k, v in extra.items()}


def test_plan_form_refuses_then_records_insistence(client_as, reported, analyst, manager, today):
    assess(reported, "C3")
    r4 = product("R4", "精选成长股票基金")
    web = client_as(analyst)
    url = reverse("visits:client_action", args=[reported.pk, "prepare_plan"])
    refused = web.post(url, plan_post(reported, [r4]))
    assert refused.status_code == 400
    assert "高于客户的风险承受能力等级" in refused.content.decode()
    assert not InvestmentPlan.objects.exists()
    done = web.post(
        url,
        plan_post(
            reported, [r4], insistence="客户坚持购买", risk_warning_signed_on=today.isoformat()
        ),
        follow=True,
    )
    assert "等待营销部经理的适当性审批" in done.content.decode()
    s = PlanSuitability.objects.get()
    assert s.verdict == "pending" and Client.objects.get(pk=reported.pk).status == "reported"
    queue = client_as(manager).get(reverse("suitability:approvals")).content.decode()
    assert "客户坚持购买" in queue and "精选成长股票基金" in queue
    response = client_as(manager).post(
        reverse("suitability:approve", args=[s.pk]), {"version": s.version, "comment": ""}
    )
    assert response.status_code == 302
    assert Client.objects.get(pk=reported.pk).status == "plan_ready"
    page = client_as(manager).get(reverse("visits:client_detail", args=[reported.pk]))
    body = page.content.decode()
    assert "客户坚持购买（超出风险等级）" in body and "经理适当性审批" in body


def test_a_reject_without_reason_is_refused(client_as, reported, analyst, manager, today):
    assess(reported, "C1")
    client_as(analyst).post(
        reverse("visits:client_action", args=[reported.pk, "prepare_plan"]),
        plan_post(
            reported, [product("R2")], insistence="坚持", risk_warning_signed_on=today.isoformat()
        ),
    )
    s = PlanSuitability.objects.get()
    response = client_as(manager).post(
        reverse("suitability:reject", args=[s.pk]), {"version": s.version, "comment": ""}
    )
    assert response.status_code == 400
    assert "请填写不同意的理由" in response.content.decode()
    assert PlanSuitability.objects.get().verdict == "pending"


def test_client_page_keeps_the_old_risk_preference(client_as, salesperson):
    c = ClientFactory(salesperson=salesperson, risk_preference="aggressive")
    body = client_as(salesperson).get(reverse("visits:client_detail", args=[c.pk])).content
    assert "原风险偏好" in body.decode() and "进取型" in body.decode()
    assert "尚未评估" in body.decode()


def test_product_catalogue(client_as, leader):
    product("R5", "量化对冲私募一号")
    body = client_as(leader).get(reverse("suitability:product_list")).content.decode()
    assert "量化对冲私募一号" in body and "C5 及以上" in body


def test_a_replayed_assessment_saves_once(client_as, reported, salesperson):
    web = client_as(salesperson)
    url = reverse("suitability:assess", args=[reported.pk])
    data = {**form_answers(2), "investor_class": "ordinary", "submission_key": str(uuid.uuid4())}
    assert web.post(url, data).status_code == 302
    assert web.post(url, data).status_code == 302
    assert RiskAssessment.objects.filter(client=reported).count() == 1


@pytest.mark.parametrize("version", ["²", "99999999999999999999999", "", "abc"])
def test_crafted_decision_is_refused_and_changes_nothing(
    client_as, reported, analyst, manager, today, version
):
    assess(reported, "C1")
    client_as(analyst).post(
        reverse("visits:client_action", args=[reported.pk, "prepare_plan"]),
        plan_post(
            reported, [product("R2")], insistence="坚持", risk_warning_signed_on=today.isoformat()
        ),
    )
    s = PlanSuitability.objects.get()
    response = client_as(manager).post(
        reverse("suitability:approve", args=[s.pk]), {"version": version, "comment": "x" * 5000}
    )
    assert response.status_code == 400
    assert PlanSuitability.objects.get().verdict == "pending"
    assert Client.objects.get(pk=reported.pk).status == "reported"


def test_pages_in_english(client_as, reported, manager, analyst, today):
    assess(reported, "C1")
    client_as(analyst).post(
        reverse("visits:client_action", args=[reported.pk, "prepare_plan"]),
        plan_post(
            reported, [product("R2")], insistence="坚持", risk_warning_signed_on=today.isoformat()
        ),
    )
    web = client_as(manager)
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    queue = web.get(reverse("suitability:approvals"), **english).content.decode()
    assert "Suitability approvals" in queue and "Approve plan" in queue
    page = web.get(reverse("visits:client_detail", args=[reported.pk]), **english)
    body = page.content.decode()
    assert "C1 Conservative" in body and "Client insists on buying" in body
    answers = form_answers(3)
    answers.pop(next(iter(answers)))
    answers.pop(list(answers)[1])
    refused = web.post(
        reverse("suitability:assess", args=[reported.pk]),
        {**answers, "investor_class": "ordinary"},
        **english,
    ).content.decode()
    assert "Question 1, 3 is not answered" in refused


# --- 制定投资方案 while a plan waits for the manager ----------------------------------------------

PLAN_BUTTON = 'data-bs-target="#act-prepare_plan"'
WAITING = "等待经理适当性审批"


def page_of(web, client):
    return web.get(reverse("visits:client_detail", args=[client.pk])).content.decode()


def test_no_plan_button_while_a_plan_waits_for_the_manager(
    client_as, reported, analyst, manager, today
):
    assess(reported, "C1")
    desk, boss = client_as(analyst), client_as(manager)
    # nothing waits: the analyst and the manager are offered the plan, no waiting badge
    for web in (desk, boss):
        body = page_of(web, reported)
        assert PLAN_BUTTON in body and WAITING not in body
    for url in (reverse("visits:analyst_queue"), reverse("home")):
        assert WAITING not in desk.get(url).content.decode()
    desk.post(
        reverse("visits:client_action", args=[reported.pk, "prepare_plan"]),
        plan_post(
            reported, [product("R3")], insistence="坚持", risk_warning_signed_on=today.isoformat()
        ),
    )
    s = PlanSuitability.objects.get()
    assert s.verdict == "pending"
    # waiting: the state instead of the button, on the page and in the analyst's lists
    for web in (desk, boss):
        body = page_of(web, reported)
        assert PLAN_BUTTON not in body and 'id="plan-waiting"' in body and WAITING in body
    for url in (reverse("visits:analyst_queue"), reverse("home")):
        listing = desk.get(url).content.decode()
        assert reported.name in listing and WAITING in listing
    english = desk.get(
        reverse("visits:client_detail", args=[reported.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Awaiting the manager's suitability approval" in english
    # the manager does not agree: the client waits for a new plan, the button is back
    boss.post(reverse("suitability:reject", args=[s.pk]), {"version": s.version, "comment": "否"})
    assert PlanSuitability.objects.get().verdict == "rejected"
    body = page_of(desk, reported)
    assert PLAN_BUTTON in body and WAITING not in body


def test_a_plan_posted_while_one_waits_is_refused(client_as, reported, analyst, today):
    assess(reported, "C1")
    web = client_as(analyst)
    url = reverse("visits:client_action", args=[reported.pk, "prepare_plan"])
    extra = {"insistence": "坚持", "risk_warning_signed_on": today.isoformat()}
    web.post(url, plan_post(reported, [product("R3")], **extra))
    again = web.post(url, plan_post(Client.objects.get(pk=reported.pk), [product("R1")]))
    assert again.status_code == 400
    assert "该客户已有一份方案在等待经理的适当性审批" in again.content.decode()
    assert InvestmentPlan.objects.count() == 1 and PlanSuitability.objects.count() == 1
