"""The one-time submission key on the newer apps' create forms (issue 23): problems, proposals,
training, meetings and ownership. A double click (the same form posted twice with one key) creates
one row, and the second answer is the toolkit's replay: the same redirect and "already saved"."""

import datetime as dt
import re
import uuid

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from meetings.models import StrategyMeeting, WeeklyMeeting
from ownership.models import ClientTransfer
from problems.models import Problem
from proposals.models import Proposal
from salesops import clock
from salesops.periods import Period
from tests.meetings.test_meetings import sales_plan
from tests.visits.factories import ClientFactory
from training.models import TrainingSession

pytestmark = pytest.mark.django_db

SAVED_ONCE = "这份表单已经提交过，没有重复保存"


def said(response, text):
    return any(text in str(m) for m in get_messages(response.wsgi_request))


def issued_key(c, url):
    """The form page carries exactly one fresh key."""
    body = c.get(url).content.decode()
    found = re.findall(r'name="submission_key" value="([0-9a-f-]{36})"', body)
    assert len(found) == 1, url
    return found[0]


def post_twice(c, url, data):
    key = issued_key(c, url)
    data = {**data, "submission_key": key}
    first, second = c.post(url, data), c.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert said(second, SAVED_ONCE) and not said(first, SAVED_ONCE)
    return first


def test_a_problem_raised_twice_with_one_key_is_one_problem(client_as, analyst, salesperson):
    due = clock.today() + dt.timedelta(days=2)
    first = post_twice(
        client_as(analyst),
        reverse("problems:problem_new"),
        {
            "title": "系统无法导出",
            "category": "system",
            "severity": "high",
            "description": "导出按钮无响应",
            "handler": salesperson.pk,
            "due_date": due.isoformat(),
        },
    )
    problem = Problem.objects.get()
    assert first["Location"] == reverse("problems:problem_detail", args=[problem.pk])


def test_a_proposal_saved_twice_with_one_key_is_one_draft(client_as, manager, salesperson):
    url = reverse("proposals:create") + f"?month={Period.month_of(clock.today()).key}"
    post_twice(
        client_as(manager),
        url,
        {
            "person": salesperson.pk,
            "kind": "reward",
            "reason": "超额完成",
            "basis": "依据",
            "amount": "100",
            "unit": "yuan",
        },
    )
    assert Proposal.objects.count() == 1


def test_a_training_session_saved_twice_with_one_key_is_one_session(client_as, manager):
    first = post_twice(
        client_as(manager),
        reverse("training:create"),
        {"topic": "适当性管理", "date": "2026-11-05", "hours": "1.5", "trainer": manager.pk},
    )
    session = TrainingSession.objects.get()
    assert first["Location"] == f"/training/{session.pk}/"


def test_a_weekly_meeting_recorded_twice_with_one_key_is_one_meeting(
    client_as, manager, salesperson
):
    week = Period.week_of(clock.today()).next().key
    post_twice(
        client_as(manager),
        reverse("meetings:weekly_create") + f"?week={week}",
        {
            "week": week,
            "date": clock.today().isoformat(),
            "attendees": [manager.pk, salesperson.pk],
            "minutes": "确定重点",
        },
    )
    assert WeeklyMeeting.objects.count() == 1


def test_a_strategy_meeting_recorded_twice_with_one_key_is_one_meeting(
    client_as, team, manager, salesperson
):
    sales_plan(team, manager)
    post_twice(
        client_as(manager),
        reverse("meetings:strategy_create"),
        {
            "date": clock.today().isoformat(),
            "attendees": [manager.pk, salesperson.pk],
            "minutes": "本月目标",
        },
    )
    assert StrategyMeeting.objects.count() == 1


def test_a_transfer_asked_twice_with_one_key_is_one_request(client_as, salesperson, salesperson2):
    mine = ClientFactory(salesperson=salesperson, name="甲客户", status="visited")
    first = post_twice(
        client_as(salesperson),
        reverse("ownership:transfer_new", args=[mine.pk]),
        {"version": mine.version, "to": salesperson2.pk, "reason": "片区调整"},
    )
    assert ClientTransfer.objects.count() == 1
    assert first["Location"] == reverse("visits:client_detail", args=[mine.pk])


def test_a_key_is_checked_per_user_not_guessable(client_as, analyst, salesperson):
    """A key someone else used is refused, not replayed into their record."""
    url = reverse("problems:problem_new")
    data = {
        "title": "问题",
        "category": "system",
        "severity": "low",
        "handler": salesperson.pk,
        "due_date": (clock.today() + dt.timedelta(days=2)).isoformat(),
        "submission_key": str(uuid.uuid4()),
    }
    assert client_as(analyst).post(url, data).status_code == 302
    assert client_as(salesperson).post(url, data).status_code == 400
    assert Problem.objects.count() == 1
