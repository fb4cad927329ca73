"""The demo leaves something to act on for every role on the day it is built (issue 10)."""

import pytest
from django.db.models import F
from django.utils import timezone

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


def test_a_letter_of_this_month_is_rejected_with_a_reason(demo_department):
    month = month_start(timezone.localdate())
    rejected = CommitmentLetter.objects.filter(status="rejected", task__month=month)
    assert rejected.exists()
    assert all(letter.reject_reason.strip() for letter in rejected)


def test_one_teams_current_month_is_announced_and_the_other_is_open(demo_department):
    month = month_start(timezone.localdate())
    plans = MonthlySalesPlan.objects.filter(month=month)
    assert sorted(p.team.name for p in plans if p.announced_at) == ["营销二部"]
    assert plans.filter(team__name="营销一部", announced_at__isnull=True).exists()


def test_reports_are_on_record_late_and_one_week_is_left_due(demo_department):
    assert Submission.objects.filter(submitted_at__gt=F("due_at")).exists()
    last_week = Period.last_complete("week", timezone.localdate())
    assert not Submission.objects.filter(period_key=last_week.key, team__name="营销一部").exists()
