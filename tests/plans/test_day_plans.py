"""Day plans are the salesperson's own list (docs/design.md §Day plans): no review, no submit
button, the page says so, no 草稿 status shown; not planned work in the reports (issue 24)."""

import datetime as dt

import pytest
from django.urls import reverse

from plans.models import VisitPlan, VisitPlanItem
from reports.definitions import REPORTS
from reports.queries import ReportScope
from salesops.periods import Period
from tests.visits.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_the_day_plan_page_says_it_needs_no_review_and_shows_no_draft_status(
    client_as, salesperson
):
    from plans import services

    plan = services.plan_create(owner=salesperson, horizon="day", period_start=dt.date.today())
    body = client_as(salesperson).get(reverse("plans:plan_detail", args=[plan.pk])).content
    body = body.decode()
    assert "日拜访方案是营销人员自己的清单：无需提交经理审核，也不计入报表中的计划拜访。" in body
    assert "草稿" not in body
    assert reverse("plans:plan_submit", args=[plan.pk]) not in body
    listing = client_as(salesperson).get(reverse("plans:plan_list")).content.decode()
    assert "个人清单" in listing  # the status column (the filter still offers 草稿 for others)


def test_a_key_item_of_a_day_plan_is_not_a_key_client_of_report_2(salesperson, manager):
    day = dt.date(2026, 11, 10)
    plan = VisitPlan.objects.create(
        owner=salesperson,
        team=salesperson.team,
        horizon="day",
        period_start=day,
        period_end=day,
    )
    client = ClientFactory(salesperson=salesperson, name="日清单客户")
    VisitPlanItem.objects.create(plan=plan, date=day, client=client, purpose="first", is_key=True)
    (row,) = [
        r
        for r in REPORTS["monthly-plan"].query(ReportScope(manager), Period.parse("2026-11"))
        if r["salesperson"] == salesperson.display_name
    ]
    assert "日清单客户" not in row["key_clients"]
