"""One-time submission keys: every create form carries one; a repeated POST with the same key (the
back button, a double tap) creates nothing and shows the record saved the first time (issue 10)."""

import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from plans import services as plan_services
from plans.models import DailyFocus, VisitPlan, VisitPlanItem, WorkLog
from salesops.models import Submission
from tests.suitability.factories import assess, product
from tests.visits.factories import ClientFactory
from visits.models import Client, Deposit, InvestmentPlan, Visit

pytestmark = pytest.mark.django_db

SAVED_ONCE = "这份表单已经提交过，没有重复保存"


def post_twice(c, url, data, prefix=""):
    """The same form posted twice with one key: both answers, in order."""
    data = {**data, f"{prefix}submission_key": str(uuid.uuid4())}
    return c.post(url, data), c.post(url, data)


def said(response, text):
    return any(text in str(m) for m in get_messages(response.wsgi_request))


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def next_monday(today):
    return today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)


@pytest.fixture
def draft_plan(salesperson, next_monday):
    return plan_services.plan_create(owner=salesperson, horizon="week", period_start=next_monday)


def test_every_create_form_is_issued_with_a_fresh_key(client_as, salesperson):
    c = client_as(salesperson)
    keys = set()
    for name in ("visits:visit_log", "visits:client_register", "plans:plan_list", "plans:worklog"):
        for _ in range(2):
            body = c.get(reverse(name)).content.decode()
            found = re.findall(r'name="submission_key" value="([0-9a-f-]{36})"', body)
            assert len(found) == 1, name
            keys.add(found[0])
    assert len(keys) == 8


def test_repeated_visit_post_creates_one_visit_and_shows_it(client_as, salesperson, today):
    client = ClientFactory(salesperson=salesperson, status="prospect")
    first, second = post_twice(
        client_as(salesperson),
        reverse("visits:visit_log"),
        {
            "client": client.pk,
            "date": today.isoformat(),
            "kind": "onsite",
            "purpose": "first",
            "summary": "初次面谈",
        },
    )
    target = reverse("visits:client_detail", args=[client.pk])
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == target
    assert Visit.objects.count() == 1
    assert said(second, SAVED_ONCE) and not said(first, SAVED_ONCE)
    assert Submission.objects.get().target == Visit.objects.get()


def test_repeated_new_client_visit_creates_one_client_and_one_visit(client_as, salesperson, today):
    first, second = post_twice(
        client_as(salesperson),
        reverse("visits:visit_log"),
        {
            "new_name": "路人甲",
            "new_source": "cold",
            "date": today.isoformat(),
            "kind": "onsite",
            "purpose": "first",
            "summary": "陌拜",
        },
    )
    client = Client.objects.get()
    assert (
        first["Location"] == second["Location"] == reverse("visits:client_detail", args=[client.pk])
    )
    assert Visit.objects.count() == 1


def test_repeated_client_registration_creates_one_client(client_as, salesperson):
    first, second = post_twice(
        client_as(salesperson),
        reverse("visits:client_register"),
        {"name": "新客户", "source": "referral"},
    )
    client = Client.objects.get()
    assert (
        first["Location"] == second["Location"] == reverse("visits:client_detail", args=[client.pk])
    )
    assert said(second, SAVED_ONCE)


def test_repeated_deposit_creates_one_deposit(client_as, salesperson, today):
    client = ClientFactory(salesperson=salesperson, status="funded")
    first, second = post_twice(
        client_as(salesperson),
        reverse("visits:client_action", args=[client.pk, "record_deposit"]),
        {
            "record_deposit-version": client.version,
            "record_deposit-date": today.isoformat(),
            "record_deposit-amount": "50000",
        },
        prefix="record_deposit-",
    )
    assert first.status_code == 302
    assert Deposit.objects.count() == 1
    assert Deposit.objects.get().amount == Decimal("50000")
    assert second["Location"] == reverse("visits:client_detail", args=[client.pk])
    assert said(second, SAVED_ONCE)


def test_repeated_investment_plan_creates_one_plan(client_as, analyst, salesperson, today):
    client = ClientFactory(salesperson=salesperson, status="reported")
    assess(client, "C3")
    first, second = post_twice(
        client_as(analyst),
        reverse("visits:client_action", args=[client.pk, "prepare_plan"]),
        {
            "prepare_plan-version": client.version,
            "prepare_plan-content": "稳健配置",
            "prepare_plan-products": [product("R2").pk],
            "prepare_plan-revisit_due": (today + dt.timedelta(days=3)).isoformat(),
        },
        prefix="prepare_plan-",
    )
    assert first.status_code == second.status_code == 302
    assert InvestmentPlan.objects.count() == 1
    assert said(second, SAVED_ONCE)


def test_repeated_plan_item_creates_one_item(client_as, draft_plan, salesperson, next_monday):
    before = VisitPlanItem.objects.count()
    first, second = post_twice(
        client_as(salesperson),
        reverse("plans:item_add", args=[draft_plan.pk]),
        {
            "version": draft_plan.version,
            "date": next_monday.isoformat(),
            "prospect_name": "新意向",
            "purpose": "first",
        },
    )
    assert first["Location"] == second["Location"]
    assert VisitPlanItem.objects.count() == before + 1
    assert said(second, SAVED_ONCE)


def test_repeated_plan_create_creates_one_plan(client_as, salesperson, next_monday):
    first, second = post_twice(
        client_as(salesperson),
        reverse("plans:plan_create"),
        {"horizon": "week", "day": next_monday.isoformat()},
    )
    plan = VisitPlan.objects.get()
    assert first["Location"] == second["Location"] == reverse("plans:plan_detail", args=[plan.pk])
    assert said(second, SAVED_ONCE)


def test_repeated_work_log_creates_one_log_and_says_so(client_as, salesperson, today):
    first, second = post_twice(
        client_as(salesperson),
        reverse("plans:worklog") + f"?date={today.isoformat()}",
        {"content": "拜访三位客户", "tomorrow": "整理方案"},
    )
    assert first["Location"] == second["Location"]
    assert WorkLog.objects.get().content == "拜访三位客户"
    assert said(second, SAVED_ONCE)


def test_repeated_focus_creates_one_focus(client_as, manager, salesperson, today):
    client = ClientFactory(salesperson=salesperson, status="visited")
    first, second = post_twice(
        client_as(manager),
        reverse("plans:focus"),
        {"client": client.pk, "date": today.isoformat(), "instruction": "今天必须见面"},
    )
    assert first["Location"] == second["Location"]
    assert DailyFocus.objects.count() == 1
    assert said(second, SAVED_ONCE)


def test_a_refused_post_keeps_its_key_and_the_corrected_post_saves(client_as, salesperson, today):
    client = ClientFactory(salesperson=salesperson, status="plan_ready")
    c = client_as(salesperson)
    key = str(uuid.uuid4())
    data = {
        "client": client.pk,
        "date": today.isoformat(),
        "kind": "onsite",
        "purpose": "first",
        "summary": "回访",
        "submission_key": key,
    }
    refused = c.post(reverse("visits:visit_log"), data)
    assert refused.status_code == 200
    assert f'value="{key}"' in refused.content.decode()
    assert not Visit.objects.exists() and not Submission.objects.exists()
    saved = c.post(reverse("visits:visit_log"), {**data, "purpose": "plan_revisit"})
    assert saved.status_code == 302
    assert Visit.objects.count() == 1
    assert Client.objects.get().status == "revisited"


def test_another_users_key_does_not_show_their_record(client_as, salesperson, salesperson2):
    key = str(uuid.uuid4())
    url = reverse("visits:client_register")
    client_as(salesperson).post(url, {"name": "甲", "source": "cold", "submission_key": key})
    response = client_as(salesperson2).post(
        url, {"name": "乙", "source": "cold", "submission_key": key}
    )
    assert response.status_code == 200
    assert "页面已过期" in response.content.decode()
    assert list(Client.objects.values_list("name", flat=True)) == ["甲"]
