"""The version is required on every form that edits a versioned row: a post without it (replayed,
hand-made, from a page older than the row) is refused and changes nothing."""

import pytest
from django.contrib.messages import get_messages

from plans import services
from plans.models import MonthlySalesPlan, PlanStatus, VisitPlan
from salesops.services import StaleVersion


def test_a_button_post_without_version_changes_nothing(client_as, salesperson, draft_plan):
    response = client_as(salesperson).post(f"/plans/{draft_plan.pk}/submit/", {})
    assert response.status_code == 302
    draft_plan.refresh_from_db()
    assert draft_plan.status == PlanStatus.DRAFT
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("页面已过期" in m for m in messages)


def test_a_plan_item_form_without_version_is_refused(
    client_as, salesperson, draft_plan, next_monday
):
    before = draft_plan.items.count()
    response = client_as(salesperson).post(
        f"/plans/{draft_plan.pk}/items/",
        {"date": next_monday.isoformat(), "prospect_name": "新朋友", "purpose": "first"},
    )
    assert response.status_code == 400
    assert "页面已过期" in response.content.decode()
    assert VisitPlan.objects.get(pk=draft_plan.pk).items.count() == before


def test_create_or_edit_without_version_is_stale_once_the_row_exists(manager, team, today):
    services.sales_plan_save(team=team, month=today, by=manager, sales_plan="甲", reward_plan="乙")
    with pytest.raises(StaleVersion):
        services.sales_plan_save(
            team=team, month=today, by=manager, sales_plan="丙", reward_plan="丁"
        )
    assert MonthlySalesPlan.objects.get(team=team).sales_plan == "甲"
