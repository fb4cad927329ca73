"""Loads the mainland China calendar from the chinese-calendar library (statutory holidays and 调休).

chinese-calendar is kept up to date with the State Council's yearly notice; a new release adds the next
year. ``load_years`` writes the library's days for the years asked (every year it knows by default) and
marks those years loaded. Days the administrator edited are overwritten only for the years reloaded.
The migration passes its historical models; the management command passes the real ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import chinese_calendar
from chinese_calendar import constants

SOURCE = f"chinese-calendar {getattr(chinese_calendar, '__version__', '')}".strip()


def _chinese(name: str) -> str:
    try:
        return constants.Holiday(name).chinese
    except ValueError:
        return name


def library_years() -> list[int]:
    """The years the installed library knows."""
    return sorted({day.year for day in constants.holidays} | {d.year for d in constants.workdays})


def library_days(year: int) -> list[tuple[dt.date, bool, str]]:
    """(date, is_working_day, name) of every day of the year that differs from plain Monday–Friday
    or that a holiday covers (a holiday's weekend days are listed with its name too)."""
    days = [
        (day, False, _chinese(name)) for day, name in constants.holidays.items() if day.year == year
    ]
    days += [
        (day, True, f"{_chinese(name)}调休")
        for day, name in constants.workdays.items()
        if day.year == year
    ]
    return sorted(days)


def load_years(day_model, year_model, years: Iterable[int] | None = None) -> list[int]:
    """Replaces the listed days of each year with the library's and marks the year loaded."""
    known = library_years()
    wanted = sorted(set(years) if years is not None else set(known))
    missing = [year for year in wanted if year not in known]
    if missing:
        raise ValueError(
            f"chinese-calendar 没有这些年份的数据：{', '.join(map(str, missing))}"
            f"（已知 {known[0]}—{known[-1]}）；请升级该库或在后台手工录入。"
        )
    for year in wanted:
        day_model.objects.filter(date__year=year).delete()
        day_model.objects.bulk_create(
            day_model(date=day, is_working_day=working, name=name)
            for day, working, name in library_days(year)
        )
        year_model.objects.update_or_create(year=year, defaults={"source": SOURCE})
    return wanted
