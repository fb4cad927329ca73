"""经理待办 (issue 24): one to-do page listing everything waiting on the manager, each line with
its count and a link, contributed by each app through salesops.registry.todo; the manager's home
shows the same list; the counts take a fixed number of queries whatever the data size."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from salesops import registry
from tests.plans.factories import CommitmentLetterFactory, SalesTaskFactory, VisitPlanFactory
from tests.visits.factories import ClientFactory

pytestmark = pytest.mark.django_db

LABELS = [
    "待审核的拜访方案",
    "待审核的承诺书",
    "待签收的上报客户",
    "待审批的适当性（高于客户等级的方案）",
    "待处理的客户转移申请",
    "本周经理周工作方案未上报",
    "未写的工作日志",
    "逾期未解决的问题",
    "逾期未二次回访的客户",
    "已开户未入金（催办）",
]


def waiting(salesperson, n, offset=0):
    """``n`` of each kind of thing waiting on the manager."""
    today = timezone.localdate()
    for i in range(offset, offset + n):
        VisitPlanFactory(
            owner=salesperson,
            status="submitted",
            period_start=today + dt.timedelta(days=7 * (i + 1) - today.weekday()),
        )
        ClientFactory(salesperson=salesperson, status="reported", reported_on=today)
        ClientFactory(
            salesperson=salesperson, status="plan_ready", revisit_due=today - dt.timedelta(days=3)
        )
        ClientFactory(salesperson=salesperson, status="account_opened")
        month = dt.date(2000 + i, 1, 1)
        CommitmentLetterFactory(
            task=SalesTaskFactory(salesperson=salesperson, month=month), status="submitted"
        )


def lines(manager):
    return {line.label: line for line in registry.todo_lines(manager)}


def test_every_line_has_its_count_and_link(client_as, manager, salesperson):
    waiting(salesperson, 2)
    got = lines(manager)
    assert list(got) == LABELS
    assert got["待审核的拜访方案"].count == 2
    assert got["待审核的承诺书"].count == 2
    assert got["待签收的上报客户"].count == 2
    assert got["逾期未二次回访的客户"].count == 2
    assert got["已开户未入金（催办）"].count == 2
    assert got["本周经理周工作方案未上报"].count == 1
    body = client_as(manager).get(reverse("todo")).content.decode()
    for label, line in got.items():
        assert label in body and f'href="{line.url}"' in body
    # the home page shows the same list (one definition)
    home = client_as(manager).get(reverse("home")).content.decode()
    assert all(label in home for label in LABELS)


def test_missing_logs_are_counted_on_working_days(manager, salesperson, salesperson2):
    from workcalendar.models import WorkCalendarDay

    today = timezone.localdate()
    days = [today - dt.timedelta(days=n) for n in range(1, 8)]
    for n, d in enumerate(days):  # only two working days in the last seven
        WorkCalendarDay.objects.update_or_create(
            date=d, defaults={"is_working_day": n < 2, "name": ""}
        )
    from tests.plans.factories import WorkLogFactory

    WorkLogFactory(salesperson=salesperson, date=days[0])
    line = lines(manager)["未写的工作日志"]
    assert line.count == 2 * 2 - 1  # two people, two working days, one log written


def test_the_counts_take_the_same_queries_for_one_row_or_many(manager, salesperson):
    waiting(salesperson, 1)
    with CaptureQueriesContext(connection) as one:
        registry.todo_lines(manager)
    waiting(salesperson, 12, offset=1)
    with CaptureQueriesContext(connection) as many:
        got = lines(manager)
    assert got["逾期未二次回访的客户"].count == 13
    assert len(many) == len(one)


def test_only_the_manager_has_the_page(client_as, salesperson, leader):
    assert client_as(salesperson).get(reverse("todo")).status_code == 403
    assert client_as(leader).get(reverse("todo")).status_code == 403
