"""Each person's day, in Chromium, on the demo department. Screenshots go to test-artifacts/e2e/."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.utils import timezone

from plans.models import CommitmentLetter, SalesTask, VisitPlan
from suitability.models import Product
from tests.suitability.factories import assess
from visits.models import Client

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def logout(page):
    page.context.clear_cookies()


def first_visit_and_plan(page):
    """Journey 1: a salesperson on a phone logs a first visit for a new prospect, writes today's log,
    drafts and submits a plan (two weeks ahead, so the demo's own plans are untouched)."""
    login(page, "wangfang")
    page.click("text=记录拜访")
    page.fill("[name=new_name]", "测试新客户")
    page.fill("[name=new_phone]", "13912345678")
    page.fill("[name=summary]", "街头偶遇，介绍公司服务")
    shot(page, "j1-log-visit-phone")
    with page.expect_navigation():
        page.click("#visit-form button[type=submit]")
    assert "已记录拜访" in page.content()
    assert "已拜访" in page.content()
    shot(page, "j1-client-after-first-visit")
    page.goto("/plans/log/")
    page.fill("[name=content]", "上午陌生拜访一位新客户，下午整理资料")
    with page.expect_navigation():
        page.click("button:has-text('保存日志')")
    assert "工作日志已保存" in page.content()
    page.goto("/plans/")
    day = timezone.localdate() + dt.timedelta(days=14)
    page.fill("[name=day]", day.isoformat())
    with page.expect_navigation():
        page.click("button:has-text('新建方案')")
    client = Client.objects.get(name="测试新客户")
    plan = VisitPlan.objects.get(
        owner__username="wangfang", horizon="week", period_start__lte=day, period_end__gte=day
    )
    page.fill("[name=date]", plan.period_start.isoformat())
    page.select_option("[name=client]", str(client.pk))
    page.select_option("[name=purpose]", "needs")
    with page.expect_navigation():
        page.click("button:has-text('添加')")
    with page.expect_navigation():
        page.click("button:has-text('提交审核')")
    assert "等待经理审核" in page.content()
    shot(page, "j1-plan-submitted-phone")
    return plan


def test_salesperson_day_and_plan_review(demo, new_page):
    page = new_page(PHONE)
    plan = first_visit_and_plan(page)
    # Journey 2: the manager returns the plan; the salesperson fixes and resubmits; the manager approves.
    logout(page)
    desk = new_page()
    login(desk, "zhangym")
    desk.goto("/plans/review/")
    assert "王芳" in desk.content()
    desk.goto(f"/plans/{plan.pk}/")
    desk.fill("[name=reason]", "请补充一次方案回访")
    with desk.expect_navigation():
        desk.click("button:has-text('打回重写')")
    assert "已打回" in desk.content()
    login(page, "wangfang")
    page.goto(f"/plans/{plan.pk}/")
    assert "请补充一次方案回访" in page.content()
    shot(page, "j2-returned-plan-phone")
    page.fill("[name=date]", plan.period_start.isoformat())
    page.fill("[name=prospect_name]", "钱女士")
    with page.expect_navigation():
        page.click("button:has-text('添加')")
    with page.expect_navigation():
        page.click("button:has-text('提交')")
    desk.goto(f"/plans/{plan.pk}/")
    with desk.expect_navigation():
        desk.locator("button[title='切换重点']").first.click()
    assert "已设为重点" in desk.content()
    with desk.expect_navigation():
        desk.click("button:has-text('审核通过')")
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert plan.items.filter(is_key=True).exists()
    desk.goto(f"/plans/{plan.pk}/")
    shot(desk, "j2-approved-plan")


def act(page, label, fields=None, selects=None, checks=None):
    page.click(f"button[data-bs-toggle=collapse]:has-text('{label}')")
    for name, value in (fields or {}).items():
        page.fill(f"[name='{name}']", value)
    for name, value in (checks or {}).items():
        page.check(f"[name='{name}'][value='{value}']")
    for name, value in (selects or {}).items():
        page.select_option(f"[name='{name}']", value)
    button = page.locator(f"button[type=submit]:has-text('确认{label}')")
    button.wait_for(state="visible")
    page.wait_for_timeout(500)  # let Bootstrap's collapse finish opening before clicking inside it
    with page.expect_navigation(timeout=30000):
        button.click()
    assert "alert-success" in page.content(), page.inner_text("main")[:500]


def test_client_from_first_visit_to_funded(demo, new_page):
    page = new_page(PHONE)
    login(page, "wangfang")
    page.click("text=记录拜访")
    page.fill("[name=new_name]", "流程客户")
    page.fill("[name=summary]", "初次面谈")
    with page.expect_navigation():
        page.click("#visit-form button[type=submit]")
    client = Client.objects.get(name="流程客户")
    url = f"/visits/clients/{client.pk}/"
    analyst = new_page()
    login(analyst, "zhoumin")
    analyst.goto(url)
    act(
        analyst,
        "记录投资需求",
        {
            "analyze_needs-investment_experience": "买过基金",
            "analyze_needs-investment_needs": "稳健增值",
            "analyze_needs-intended_funds": "300000",
        },
        {"analyze_needs-risk_preference": "moderate"},
    )
    page.goto(url)
    act(page, "上报营销部经理")
    assess(client, "C2")  # suitability: assessed before the plan (tests/e2e/test_suitability.py)
    bonds = Product.objects.filter(risk_level="R2").first()
    analyst.goto(url)
    act(
        analyst,
        "制定投资方案",
        {"prepare_plan-content": "债券基金为主的组合", "prepare_plan-proposed_amount": "200000"},
        checks={"prepare_plan-products": bonds.pk},
    )
    page.goto(f"/visits/log/?client={client.pk}")
    assert page.input_value("[name=purpose]") == "plan_revisit"
    page.fill("[name=summary]", "带方案回访，客户认可")
    with page.expect_navigation():
        page.click("#visit-form button[type=submit]")
    act(page, "开始促单")
    act(page, "促单成功（开户）", {"close_won-account_number": "3100999"})
    act(page, "记录入金", {"record_deposit-amount": "150000"})
    client.refresh_from_db()
    assert client.status == "funded"
    body = page.inner_text("main")
    for text in ("初访", "方案回访", "投资方案", "开户", "入金", "¥150,000.00", "已入金"):
        assert text in body, text
    shot(page, "j3-client-history-phone")


def test_month_tasks_letters_and_announcement(demo, new_page):
    manager = new_page()
    login(manager, "zhangym")
    nxt = (timezone.localdate().replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    key = f"{nxt.year}-{nxt.month:02d}"
    manager.goto(f"/plans/month/?month={key}")
    manager.fill("[name=sales_plan]", "下月重点：开户转化")
    manager.fill("[name=reward_plan]", "超额奖励")
    with manager.expect_navigation():
        manager.click("button:has-text('保存')")
    from accounts.models import User

    wang = User.objects.get(username="wangfang")
    form = manager.locator(f"form[action='/plans/month/tasks/{wang.pk}/']")
    form.locator(f"[name='t{wang.pk}-target_visits']").fill("25")
    with manager.expect_navigation():
        form.locator("button").click()
    assert "已为 王芳 分配本月任务" in manager.content()
    sp = new_page(PHONE)
    login(sp, "wangfang")
    sp.goto(f"/plans/my-month/?month={key}")
    with sp.expect_navigation():
        sp.click("button:has-text('提交审核')")
    letter = CommitmentLetter.objects.get(task__salesperson=wang, task__month=nxt)
    assert letter.status == "submitted"
    manager.goto(f"/plans/letters/{letter.pk}/")
    manager.fill("[name=reason]", "请写明重点客户名单")
    with manager.expect_navigation():
        manager.click("button:has-text('审核不通过')")
    sp.goto(f"/plans/my-month/?month={key}")
    assert "请写明重点客户名单" in sp.content()
    sp.fill("[name=text]", "本人承诺完成任务，重点客户：客户甲、客户乙。")
    with sp.expect_navigation():
        sp.click("button:has-text('提交审核')")
    manager.goto(f"/plans/letters/{letter.pk}/")
    with manager.expect_navigation():
        manager.click("button:has-text('审核通过')")
    manager.goto(f"/plans/month/?month={key}")
    with manager.expect_navigation():
        manager.click("button:has-text('上报办公室')")
    manager.on("dialog", lambda d: d.accept())
    with manager.expect_navigation():
        manager.click("button:has-text('宣布并执行')")
    # the team's others are not ready (no task, or a letter not approved): refused, and named
    others = User.objects.filter(team=wang.team, role="salesperson", is_active=True).exclude(
        pk=wang.pk
    )
    waiting = [
        p
        for p in others
        if not CommitmentLetter.objects.filter(
            task__salesperson=p, task__month=nxt, status="approved"
        ).exists()
    ]
    assert waiting, "the journey needs someone not ready"
    body = manager.content()
    assert "还没有分配本月任务" in body or "承诺书尚未审核通过" in body
    for person in waiting:
        assert person.display_name in body
    _tasks_with_approved_letters(User.objects.get(username="zhangym"), waiting, nxt)
    with manager.expect_navigation():
        manager.click("button:has-text('宣布并执行')")
    assert "已宣布执行" in manager.content()
    shot(manager, "j4-month-announced")


def _tasks_with_approved_letters(manager, people, month):
    from plans import services

    for person in people:
        task = SalesTask.objects.filter(salesperson=person, month=month).first()
        if task is None:
            task = services.task_assign(
                manager=manager,
                salesperson=person,
                month=month,
                target_visits=20,
                target_new_clients=4,
                target_accounts=2,
                target_deposit_amount=500000,
            )
        letter = CommitmentLetter.objects.get(task=task)
        if letter.status == "rejected":
            letter = services.letter_redo(letter=letter, by=person)
        if letter.status == "draft":
            letter = services.letter_write(letter=letter, by=person, text="承诺完成任务")
            letter = services.letter_submit(letter=letter, by=person)
        services.letter_approve(letter=CommitmentLetter.objects.get(pk=letter.pk), by=manager)


def test_week_reports_submitted_and_acknowledged(demo, new_page, settings):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from accounts.models import User
    from reports.definitions import REPORTS
    from reports.queries import ReportScope
    from salesops.periods import Period

    settings.REPORT_WEEKLY_DUE = {
        "weekday": 6,
        "hour": 12,
        "minute": 0,
    }  # due the Sunday after: still on time today
    manager = new_page()
    login(manager, "zhangym")
    manager.goto("/reports/submissions/")
    manager.on("dialog", lambda d: d.accept())
    with manager.expect_navigation():
        manager.click("button:has-text('一键上报')")
    assert "已全部上报办公室" in manager.content()
    office = new_page()
    login(office, "zhengxin")
    office.goto("/reports/submissions/")
    week = Period.last_complete("week", timezone.localdate())
    block = office.locator(f"tr[data-period='{week.key}']", has_text="营销一部")
    row = block.locator("td[data-report='weekly-work']")
    assert "按时上报" in row.inner_text()
    shot(office, "j5-office-board")
    with office.expect_download() as dl:
        row.locator("a:has-text('Excel')").click()
    with open(dl.value.path(), "rb") as f:  # the download has no .xlsx suffix
        xlsx = load_workbook(BytesIO(f.read())).active
    manager_user = User.objects.get(username="zhangym")
    expected = {
        r["salesperson"]: r
        for r in REPORTS["weekly-work"].query(
            ReportScope(manager_user, team_id=manager_user.team_id), week
        )
    }
    wang = next(r for r in xlsx.values if r[0] == "王芳")
    assert wang[2] == expected["王芳"]["visits"]
    with office.expect_download() as dl:
        row.locator("a:has-text('PDF')").click()
    text = "".join(p.extract_text() for p in PdfReader(dl.value.path()).pages).replace(" ", "")
    assert "营销人员工作周统计表" in text and "王芳" in text
    assert re.search(rf"王芳营销一部{expected['王芳']['visits']}", text)
    with office.expect_navigation():
        row.locator("button:has-text('签收')").click()
    assert "已签收" in office.content()
