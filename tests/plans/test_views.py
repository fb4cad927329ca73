"""Plans pages at work: drafting, reviewing, the month and the letters (who may open which page:
tests/test_permission_matrix.py)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import services
from plans.models import CommitmentLetter, VisitPlan
from tests.factories import UserFactory
from tests.visits.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_salesperson_drafts_and_submits_through_pages(
    client_as, salesperson, my_client, next_monday
):
    c = client_as(salesperson)
    response = c.post(
        reverse("plans:plan_create"), {"horizon": "week", "day": next_monday.isoformat()}
    )
    plan = VisitPlan.objects.get(owner=salesperson)
    assert response["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    response = c.post(
        reverse("plans:plan_submit", args=[plan.pk]), {"version": plan.version}, follow=True
    )
    assert "不能提交" in response.content.decode()
    c.post(
        reverse("plans:item_add", args=[plan.pk]),
        {
            "version": plan.version,
            "date": next_monday.isoformat(),
            "client": my_client.pk,
            "purpose": "plan_revisit",
        },
    )
    plan.refresh_from_db()
    c.post(reverse("plans:plan_submit", args=[plan.pk]), {"version": plan.version})
    assert VisitPlan.objects.get(pk=plan.pk).status == "submitted"


def test_item_outside_period_shows_field_error(client_as, draft_plan, salesperson, next_monday):
    response = client_as(salesperson).post(
        reverse("plans:item_add", args=[draft_plan.pk]),
        {
            "version": draft_plan.version,
            "date": "2001-01-01",
            "prospect_name": "x",
            "purpose": "first",
        },
    )
    assert response.status_code == 400
    assert "方案期间内" in response.content.decode()


def test_manager_returns_plan_with_reason_on_the_page(
    client_as, submitted_plan, manager, salesperson
):
    url = reverse("plans:plan_return", args=[submitted_plan.pk])
    response = client_as(manager).post(url, {"version": submitted_plan.version, "reason": ""})
    assert response.status_code == 400
    assert VisitPlan.objects.get(pk=submitted_plan.pk).status == "submitted"
    client_as(manager).post(url, {"version": submitted_plan.version, "reason": "周三没有安排"})
    assert VisitPlan.objects.get(pk=submitted_plan.pk).status == "returned"
    body = (
        client_as(salesperson)
        .get(reverse("plans:plan_detail", args=[submitted_plan.pk]))
        .content.decode()
    )
    assert "周三没有安排" in body


def test_salesperson_cannot_approve_on_the_page(client_as, submitted_plan, salesperson):
    assert (
        client_as(salesperson)
        .post(reverse("plans:plan_approve", args=[submitted_plan.pk]))
        .status_code
        == 403
    )


def test_other_team_manager_gets_404(client_as, submitted_plan, other_manager):
    response = client_as(other_manager).post(
        reverse("plans:plan_approve", args=[submitted_plan.pk])
    )
    assert response.status_code == 404
    assert VisitPlan.objects.get(pk=submitted_plan.pk).status == "submitted"


def test_worklog_page_writes_once_and_edits(client_as, salesperson, today):
    c = client_as(salesperson)
    c.post(reverse("plans:worklog"), {"date": today.isoformat(), "content": "拜访两位客户"})
    log = salesperson.work_logs.get()
    response = c.post(reverse("plans:worklog"), {"date": today.isoformat(), "content": "重复"})
    assert "已经写过" in response.content.decode()
    c.post(
        reverse("plans:worklog"),
        {"date": today.isoformat(), "content": "改过", "version": log.version},
    )
    assert salesperson.work_logs.get().content == "改过"


def test_task_form_refuses_negative_targets(client_as, manager, salesperson, today):
    prefix = f"t{salesperson.pk}"
    response = client_as(manager).post(
        reverse("plans:task_assign", args=[salesperson.pk]),
        {
            f"{prefix}-target_visits": "-3",
            f"{prefix}-target_new_clients": "1",
            f"{prefix}-target_accounts": "1",
            f"{prefix}-target_deposit_amount": "100",
        },
        follow=True,
    )
    assert "目标不能为负数" in response.content.decode()
    assert not salesperson.sales_tasks.exists()


def test_task_for_other_team_is_404(client_as, manager, other_salesperson):
    response = client_as(manager).post(
        reverse("plans:task_assign", args=[other_salesperson.pk]), {}
    )
    assert response.status_code == 404


def test_announce_refused_message_names_waiting_people(client_as, manager, task, today):
    response = client_as(manager).post(reverse("plans:month_announce"), follow=True)
    assert "尚未审核通过" in response.content.decode()


def test_letter_cycle_through_pages(client_as, task, salesperson, manager):
    letter = task.letter
    sp, mg = client_as(salesperson), client_as(manager)
    sp.post(
        reverse("plans:letter_write", args=[letter.pk]),
        {"text": "承诺完成", "version": letter.version, "submit": "1"},
    )
    letter = CommitmentLetter.objects.get(pk=letter.pk)
    assert letter.status == "submitted"
    response = mg.post(
        reverse("plans:letter_reject", args=[letter.pk]), {"version": letter.version, "reason": ""}
    )
    assert response.status_code == 400
    mg.post(
        reverse("plans:letter_reject", args=[letter.pk]),
        {"version": letter.version, "reason": "不具体"},
    )
    body = sp.get(reverse("plans:my_month")).content.decode()
    assert "不具体" in body
    letter = CommitmentLetter.objects.get(pk=letter.pk)
    sp.post(
        reverse("plans:letter_write", args=[letter.pk]),
        {"text": "更具体", "version": letter.version, "submit": "1"},
    )
    letter = CommitmentLetter.objects.get(pk=letter.pk)
    mg.post(reverse("plans:letter_approve", args=[letter.pk]), {"version": letter.version})
    assert CommitmentLetter.objects.get(pk=letter.pk).status == "approved"


def test_letter_pdf_has_name_and_targets(client_as, task, salesperson, manager, other_manager):
    from io import BytesIO

    from pypdf import PdfReader

    services.letter_write(letter=task.letter, by=salesperson, text="我承诺完成本月任务")
    response = client_as(salesperson).get(reverse("plans:letter_pdf", args=[task.letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "承诺人：王芳" in text and "20 次" in text and "¥500,000.00" in text
    assert (
        client_as(other_manager).get(reverse("plans:letter_pdf", args=[task.letter.pk])).status_code
        == 404
    )


def test_review_queue_queries_do_not_grow(client_as, manager, team, next_monday):
    counts = []
    for n in (3, 12):
        for i in range(n):
            sp = UserFactory(team=team, role="salesperson")
            client = ClientFactory(salesperson=sp)
            plan = services.plan_create(owner=sp, horizon="week", period_start=next_monday)
            services.plan_item_add(
                plan=plan, by=sp, date=next_monday, client=client, purpose="first"
            )
            services.plan_submit(plan=VisitPlan.objects.get(pk=plan.pk), by=sp)
            del i
        c = client_as(manager)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(reverse("plans:review_queue")).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_plan_list_filters_by_status_and_stays_in_scope(
    client_as, submitted_plan, manager, other_salesperson
):
    from tests.plans.factories import VisitPlanFactory

    VisitPlanFactory(owner=other_salesperson, status="submitted")
    response = client_as(manager).get(reverse("plans:plan_list"), {"status": "submitted"})
    rows = [row.record for row in response.context["table"].paginated_rows]
    assert rows == [submitted_plan]
    response = client_as(manager).get(reverse("plans:plan_list"), {"status": "approved"})
    assert not list(response.context["table"].paginated_rows)


def test_office_pages_are_read_only(client_as, office, draft_plan):
    c = client_as(office)
    assert c.post(reverse("plans:month")).status_code == 403
    assert c.post(reverse("plans:manager_week")).status_code == 403


def test_stale_version_on_the_page_changes_nothing(client_as, submitted_plan, manager):
    services.plan_approve(plan=submitted_plan, by=manager)
    response = client_as(manager).post(
        reverse("plans:plan_return", args=[submitted_plan.pk]),
        {"reason": "重写", "version": submitted_plan.version},
        follow=True,
    )
    assert "已被他人修改" in response.content.decode()
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == "approved"


def test_copying_last_weeks_open_items_is_off_unless_ticked_and_then_listed(
    client_as, salesperson, draft_plan, next_monday
):
    c = client_as(salesperson)
    page = c.get(reverse("plans:plan_list")).content.decode()
    box = re.search(r'<input[^>]*name="copy_open_items"[^>]*>', page).group(0)
    assert "checked" not in box
    later = next_monday + dt.timedelta(days=7)
    response = c.post(
        reverse("plans:plan_create"),
        {"horizon": "week", "day": later.isoformat(), "copy_open_items": "on"},
        follow=True,
    )
    plan = VisitPlan.objects.get(owner=salesperson, period_start=later)
    assert plan.items.count() == 1
    text = response.content.decode()
    assert "复制了上一期未完成的 1 项拜访：计划客户（" in text and "方案回访" in text
    # not ticked (the default): nothing copied from the week before, which has an open item
    third = later + dt.timedelta(days=7)
    response = c.post(
        reverse("plans:plan_create"), {"horizon": "week", "day": third.isoformat()}, follow=True
    )
    plan = VisitPlan.objects.get(owner=salesperson, period_start=third)
    assert not plan.items.exists()
    assert "方案已创建，请添加拜访安排" in response.content.decode()
