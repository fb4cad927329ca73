"""The crafted requests of issue 11 each get a page, a clear 4xx or a friendly refusal — never a
500 — and change nothing: dates outside 2000–2099, ids that str.isdigit accepts but int() does not,
a negative page size, a target past the database's integer, and two requests inserting the same
unique row at once. (tests/test_hostile_fuzz.py tries every URL and form field with these shapes.)"""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.db.models.query import QuerySet
from django.urls import reverse

from plans import services as plan_services
from plans.models import DailyFocus, SalesTask, VisitPlan
from salesops.forms import MAX_DAY, MIN_DAY, DayField
from salesops.services import ServiceError
from salesops.views import parse_day, parse_id
from tests.concurrency import race
from tests.visits.factories import ClientFactory
from visits import services as visit_services
from visits.models import AccountOpening, ClosingAttempt

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20", dt.date(2026, 11, 20)),
        ("2000-01-01", dt.date(2000, 1, 1)),
        ("2099-12-31", dt.date(2099, 12, 31)),
        ("1999-12-31", TODAY),
        ("2100-01-01", TODAY),
        ("0001-01-01", TODAY),
        ("9999-12-31", TODAY),
        ("2026-02-30", TODAY),
        ("", TODAY),
        (None, TODAY),
    ],
)
def test_parse_day_keeps_to_2000_2099(value, expected):
    assert parse_day(value, TODAY) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        ("2147483647", 2147483647),
        ("2147483648", None),
        ("99999999999999999999", None),
        ("²", None),
        ("١٢", None),
        ("-5", None),
        ("0", None),
        (" 12", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_id_accepts_only_ascii_digits_that_fit(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2000-01-01", True),
        ("2099-12-31", True),
        ("1999-12-31", False),
        ("2100-01-01", False),
        ("0001-01-01", False),
        ("9999-12-31", False),
    ],
)
def test_the_shared_date_field_keeps_to_2000_2099(value, valid):
    field = DayField()
    if valid:
        assert field.clean(value) == dt.date.fromisoformat(value)
    else:
        with pytest.raises(Exception, match="2000-01-01"):
            field.clean(value)
    assert field.widget.attrs["min"] == MIN_DAY.isoformat() == "2000-01-01"
    assert field.widget.attrs["max"] == MAX_DAY.isoformat() == "2099-12-31"


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_plan_for_the_year_9999_is_refused_and_nothing_is_created(client_as, salesperson):
    response = client_as(salesperson).post(
        reverse("plans:plan_create"), {"horizon": "week", "day": "9999-12-31"}
    )
    assert response.status_code == 302
    assert response.url == reverse("plans:plan_list")
    assert any("2099-12-31" in m for m in messages_of(response))
    assert not VisitPlan.objects.exists()


def test_work_log_of_the_year_1_shows_today(client_as, salesperson):
    from django.utils import timezone

    response = client_as(salesperson).get(reverse("plans:worklog") + "?date=0001-01-01")
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()


def test_focus_of_the_year_9999_shows_today(client_as, manager):
    from django.utils import timezone

    response = client_as(manager).get(reverse("plans:focus") + "?date=9999-12-31")
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()


def test_a_target_past_the_database_integer_is_refused(client_as, manager, salesperson):
    from django.utils import timezone

    month = timezone.localdate().strftime("%Y-%m")
    response = client_as(manager).post(
        reverse("plans:task_assign", kwargs={"user_id": salesperson.pk}) + f"?month={month}",
        {
            f"t{salesperson.pk}-target_visits": "2147483648",
            f"t{salesperson.pk}-target_new_clients": "1",
            f"t{salesperson.pk}-target_accounts": "1",
            f"t{salesperson.pk}-target_deposit_amount": "1",
        },
    )
    assert response.status_code == 302
    assert any("数值过大" in m for m in messages_of(response))
    assert not SalesTask.objects.exists()


def test_a_superscript_digit_as_client_preselects_nothing(client_as, salesperson):
    response = client_as(salesperson).get(reverse("visits:visit_log") + "?client=²")
    assert response.status_code == 200
    assert response.context["form"].initial == {}


@pytest.mark.parametrize("param", ["team", "salesperson"])
def test_a_superscript_digit_as_team_or_person_is_not_found(client_as, manager, param):
    response = client_as(manager).get(f"/reports/weekly-work/2026-W46/?{param}=²")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("per_page", "expected"), [("-5", 25), ("0", 25), ("x", 25), ("3", 3), ("100000", 200)]
)
def test_a_crafted_page_size_falls_back_to_the_default_or_the_cap(
    client_as, salesperson, per_page, expected
):
    ClientFactory.create_batch(4, salesperson=salesperson)
    response = client_as(salesperson).get(
        reverse("visits:client_list") + f"?per_page={per_page}&page=-1"
    )
    assert response.status_code == 200
    page = response.context["table"].page
    assert page.paginator.per_page == expected
    assert page.number == 1


# --- unique rows inserted by two requests at once -------------------------------------------------
# On SQLite the race is staged: the other request's row is already in the database while this one's
# "does it exist yet?" check still answers no (as it does between two concurrent transactions). The
# real race with 10 threads runs on PostgreSQL below.


def test_a_week_plan_created_twice_at_once_is_refused_as_existing(salesperson):
    monday = dt.date(2026, 11, 30)
    plan_services.plan_create(owner=salesperson, horizon="week", period_start=monday)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QuerySet, "exists", lambda self: False)
        with pytest.raises(ServiceError, match="已存在"):
            plan_services.plan_create(owner=salesperson, horizon="week", period_start=monday)
    assert VisitPlan.objects.count() == 1


def test_the_same_account_number_on_two_clients_at_once_is_refused_as_existing(salesperson):
    first, second = ClientFactory.create_batch(2, salesperson=salesperson, status="closing")
    for c in (first, second):
        ClosingAttempt.objects.create(
            client=c, team=c.team, salesperson=salesperson, started_on=c.created_at.date()
        )
    visit_services.client_close_won(
        client=first, by=salesperson, date=first.created_at.date(), account_number="88001"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QuerySet, "exists", lambda self: False)
        with pytest.raises(ServiceError, match="已存在") as refused:
            visit_services.client_close_won(
                client=second, by=salesperson, date=second.created_at.date(), account_number="88001"
            )
    assert refused.value.field == "account_number"
    assert AccountOpening.objects.count() == 1
    second.refresh_from_db()
    assert second.status == "closing"  # the whole action was undone, not only the insert


def test_a_focus_assigned_twice_at_once_is_refused(manager, salesperson):
    from django.utils import timezone

    c = ClientFactory(salesperson=salesperson)
    day = timezone.localdate()
    args = {"manager": manager, "salesperson": salesperson, "client": c, "date": day}
    plan_services.focus_assign(**args, instruction="跟进")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QuerySet, "exists", lambda self: False)
        with pytest.raises(ServiceError, match="该客户当天已安排为重点跟进"):
            plan_services.focus_assign(**args, instruction="再跟进")
    assert DailyFocus.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL")
def test_ten_identical_week_plan_creations_at_once_make_one_plan(salesperson):
    monday = dt.date(2026, 11, 30)
    results = race(
        *[
            (
                lambda: plan_services.plan_create(
                    owner=salesperson, horizon="week", period_start=monday
                )
            )
            for _ in range(10)
        ]
    )
    assert sorted(r[0] for r in results) == ["error"] * 9 + ["ok"], results
    assert all(
        isinstance(r[1], ServiceError) and "已存在" in r[1].message
        for r in results
        if r[0] == "error"
    )
    assert VisitPlan.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL")
def test_one_account_number_on_two_clients_at_once_is_recorded_once(salesperson):
    first, second = ClientFactory.create_batch(2, salesperson=salesperson, status="closing")
    for c in (first, second):
        ClosingAttempt.objects.create(
            client=c, team=c.team, salesperson=salesperson, started_on=c.created_at.date()
        )
    results = race(
        *[
            (
                lambda c=c: visit_services.client_close_won(
                    client=c, by=salesperson, date=c.created_at.date(), account_number="88001"
                )
            )
            for c in (first, second)
        ]
    )
    assert sorted(r[0] for r in results) == ["error", "ok"], results
    loser = next(r[1] for r in results if r[0] == "error")
    assert isinstance(loser, ServiceError) and "已存在" in loser.message
    assert AccountOpening.objects.count() == 1
