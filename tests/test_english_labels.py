"""English labels the walks found run together or unplural (issue 24): "WeekVisit plan",
"1 rows", "Generate 2026-12-08"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from plans import services as plan_services

pytestmark = pytest.mark.django_db


def test_a_plan_title_is_spaced(client_as, salesperson):
    today = timezone.localdate()
    plan = plan_services.plan_create(
        owner=salesperson, horizon="week", period_start=today + dt.timedelta(days=7)
    )
    text = (
        client_as(salesperson)
        .get(reverse("plans:plan_detail", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "Week visit plan" in text and "WeekVisit plan" not in text


def test_the_report_head_says_generated_and_counts_one_row(client_as, manager, salesperson):
    text = (
        client_as(manager)
        .get("/reports/weekly-work/2026-W46/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "Generated 20" in text and "Generate 20" not in text
    assert "1 row<" in text and "1 rows" not in text
