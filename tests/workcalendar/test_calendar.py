"""Working days by the mainland China calendar, seeded from chinese-calendar and editable in the admin.

Hand count for October 2026 (State Council notice for 2026, as chinese-calendar 1.11 has it): 22 weekdays;
国庆节 takes Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 off (−5) and Saturday the 10th is worked (+1): 18.
"""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from salesops.periods import Period, working_days
from tests.factories import UserFactory
from workcalendar.loader import library_years
from workcalendar.models import WorkCalendarDay, WorkCalendarYear

pytestmark = pytest.mark.django_db


def test_october_2026_has_the_national_day_holiday():
    october = Period.parse("2026-10")
    assert october.working_days == 18  # not the 22 weekdays
    assert october.calendar_missing_years == []
    assert WorkCalendarDay.objects.get(date=dt.date(2026, 10, 1)).name == "国庆节"


def test_a_make_up_saturday_counts():
    # week 41: Mon 5 – Wed 7 are 国庆节, Thu 8 and Fri 9 worked, Saturday the 10th is 调休, Sunday off
    assert Period.parse("2026-W41").working_days == 3
    assert working_days(dt.date(2026, 10, 10), dt.date(2026, 10, 10)) == 1
    saturday = WorkCalendarDay.objects.get(date=dt.date(2026, 10, 10))
    assert (saturday.is_working_day, saturday.name) == (True, "国庆节调休")


def test_a_week_without_holidays_is_monday_to_friday():
    assert Period.parse("2026-W48").working_days == 5
    assert Period.parse("2026-11").working_days == 21


def test_the_administrators_edit_counts():
    WorkCalendarDay.objects.create(
        date=dt.date(2026, 11, 27), is_working_day=False, name="公司假日"
    )
    assert Period.parse("2026-W48").working_days == 4
    WorkCalendarDay.objects.create(date=dt.date(2026, 11, 28), is_working_day=True, name="补班")
    assert Period.parse("2026-W48").working_days == 5


def test_a_year_not_loaded_is_named_and_counts_monday_to_friday():
    WorkCalendarYear.objects.filter(year=2026).delete()
    assert Period.parse("2026-12").calendar_missing_years == [2026]
    assert Period.parse("2027-01").calendar_missing_years == [2027]
    assert Period.parse("2027-01").working_days == 21


def test_every_year_the_library_knows_is_seeded():
    years = set(WorkCalendarYear.objects.values_list("year", flat=True))
    assert years == set(library_years())
    assert {2025, 2026} <= years


def test_command_reloads_a_year_and_refuses_an_unknown_one():
    WorkCalendarDay.objects.filter(date__year=2026).delete()
    WorkCalendarYear.objects.filter(year=2026).delete()
    call_command("load_work_calendar", "2026")
    assert Period.parse("2026-10").working_days == 18
    assert WorkCalendarYear.objects.filter(year=2026).exists()
    with pytest.raises(CommandError, match="2099"):
        call_command("load_work_calendar", "2099")
    assert not WorkCalendarYear.objects.filter(year=2099).exists()


def test_admin_lists_and_edits_the_calendar(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True, role="", team=None)
    client.force_login(admin)
    response = client.get(reverse("admin:workcalendar_workcalendarday_changelist") + "?q=国庆")
    assert response.status_code == 200
    assert "国庆节" in response.content.decode()
    response = client.post(
        reverse("admin:workcalendar_workcalendarday_add"),
        {"date": "2026-11-27", "is_working_day": "", "name": "公司假日"},
    )
    assert response.status_code == 302
    assert Period.parse("2026-W48").working_days == 4
    assert client.get(reverse("admin:workcalendar_workcalendaryear_changelist")).status_code == 200
