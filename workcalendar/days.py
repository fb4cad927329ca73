"""Working days (工作日) by the mainland China calendar: Monday–Friday, minus statutory holidays, plus
the make-up working weekends (调休), as loaded into ``WorkCalendarDay`` and edited by the administrator.

A year that is not loaded (``WorkCalendarYear``) counts Monday–Friday and ``missing_years`` names it, so
that every page using working days can say so.
"""

from __future__ import annotations

import datetime as dt

from salesops.requestcache import memo

from .models import WorkCalendarDay, WorkCalendarYear


def _listed(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    """The calendar's entries between start and end: one query, once per request (a page asks
    for the same month from several blocks; salesops.requestcache)."""
    return memo(
        ("workcalendar", start, end),
        lambda: dict(
            WorkCalendarDay.objects.filter(date__range=(start, end)).values_list(
                "date", "is_working_day"
            )
        ),
    )


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days between start and end inclusive (0 when end is before start); one query."""
    if end < start:
        return 0
    listed = _listed(start, end)
    count = 0
    day = start
    while day <= end:
        count += listed.get(day, day.weekday() < 5)
        day += dt.timedelta(days=1)
    return count


def working_dates(start: dt.date, end: dt.date) -> list[dt.date]:
    """The working days between start and end inclusive, in order; one query."""
    if end < start:
        return []
    listed = _listed(start, end)
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    return [day for day in days if listed.get(day, day.weekday() < 5)]


def is_working_day(day: dt.date) -> bool:
    return working_days(day, day) == 1


def missing_years(start: dt.date, end: dt.date) -> list[int]:
    """The years between start and end that the calendar has not loaded."""
    years = set(range(start.year, end.year + 1))
    loaded = set(WorkCalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
    return sorted(years - loaded)
