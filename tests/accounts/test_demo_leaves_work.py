"""The demo leaves something to act on for every role on the day it is built (issue 10)."""

import datetime as dt

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from plans.models import CommitmentLetter, MonthlySalesPlan, VisitPlan
from reports.models import Submission
from salesops.periods import Period, month_start

pytestmark = pytest.mark.django_db


def test_a_weekly_plan_is_returned_with_a_reason(demo_department):
    returned = VisitPlan.objects.filter(status="returned", horizon="week")
    assert returned.exists()
    assert all(p.return_reason.strip() for p in returned)
    this_week = Period.week_of(timezone.localdate())
    assert returned.filter(period_start=this_week.start).exists()


def test_wangfangs_letter_for_next_month_is_rejected_and_shown_on_her_home(demo_department, client):
    month = month_start(month_start(timezone.localdate()) + dt.timedelta(days=32))
    letter = CommitmentLetter.objects.get(
        status="rejected", task__month=month, task__salesperson__username="wangfang"
    )
    assert letter.reject_reason.strip()
    client.force_login(User.objects.get(username="wangfang"))
    body = client.get(reverse("home")).content.decode()
    assert letter.reject_reason[:20] in body


def test_the_current_month_is_announced_with_targets_for_both_teams(demo_department):
    month = month_start(timezone.localdate())
    plans = MonthlySalesPlan.objects.filter(month=month)
    assert sorted(p.team.name for p in plans if p.announced_at) == ["营销一部", "营销二部"]


def test_reports_are_on_record_late_and_one_week_is_left_due(demo_department):
    assert Submission.objects.filter(submitted_at__gt=F("due_at")).exists()
    last_week = Period.last_complete("week", timezone.localdate())
    assert not Submission.objects.filter(
        period_key=last_week.key, team__name="营销一部", code="weekly-work"
    ).exists()
