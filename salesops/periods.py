"""Weeks (ISO, Monday–Sunday) and months in local time, with their Chinese names.

One place for period arithmetic: plans use it for plan periods, reports for report periods.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

WEEK_RE = re.compile(r"^(\d{4})-W(\d{1,2})$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
# the years a period may name: previous()/next() of anything in range stay valid dates
MIN_YEAR, MAX_YEAR = 2000, 2099


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days between start and end inclusive by the mainland China calendar (Monday–Friday,
    minus statutory holidays, plus 调休 working weekends), as loaded in ``workcalendar``."""
    from workcalendar.days import working_days as count

    return count(start, end)


def working_dates(start: dt.date, end: dt.date) -> list[dt.date]:
    """The working days themselves between start and end inclusive (the same calendar)."""
    from workcalendar.days import working_dates as dates

    return dates(start, end)


def calendar_missing_years(start: dt.date, end: dt.date) -> list[int]:
    """Years between start and end that the working calendar has not loaded (counted Monday–Friday)."""
    from workcalendar.days import missing_years

    return missing_years(start, end)


@dataclass(frozen=True)
class Period:
    kind: str  # "week" or "month"
    start: dt.date
    end: dt.date

    @classmethod
    def week_of(cls, day: dt.date) -> Period:
        start = week_start(day)
        return cls("week", start, start + dt.timedelta(days=6))

    @classmethod
    def month_of(cls, day: dt.date) -> Period:
        return cls("month", month_start(day), month_end(day))

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2026-W48' or '2026-11'; ValueError with a Chinese message for anything else."""
        text = (text or "").strip()
        if m := WEEK_RE.match(text):
            year, week = int(m.group(1)), int(m.group(2))
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(f"年份超出范围（{MIN_YEAR}—{MAX_YEAR}）：{text}")
            try:
                return cls.week_of(dt.date.fromisocalendar(year, week, 1))
            except ValueError:
                raise ValueError(f"没有这一周：{text}") from None
        if m := MONTH_RE.match(text):
            year, month = int(m.group(1)), int(m.group(2))
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(f"年份超出范围（{MIN_YEAR}—{MAX_YEAR}）：{text}")
            if not 1 <= month <= 12:
                raise ValueError(f"没有这个月份：{text}")
            return cls.month_of(dt.date(year, month, 1))
        raise ValueError(f"无法识别的期间「{text}」：周请写成 2026-W48，月请写成 2026-11。")

    @classmethod
    def last_complete(cls, kind: str, today: dt.date) -> Period:
        if kind == "week":
            return cls.week_of(week_start(today) - dt.timedelta(days=1))
        return cls.month_of(month_start(today) - dt.timedelta(days=1))

    @property
    def key(self) -> str:
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self) -> str:
        """2026年第48周（11月23日—11月29日） / 2026年11月 in Chinese; in the active language otherwise
        (the week through the catalogue, the month by Django's locale format)."""
        from django.utils.formats import date_format
        from django.utils.translation import gettext

        if self.kind == "week":
            year, week, _weekday = self.start.isocalendar()
            return gettext("%(year)s年第%(week)s周（%(m1)s月%(d1)s日—%(m2)s月%(d2)s日）") % {
                "year": year,
                "week": week,
                "m1": self.start.month,
                "d1": self.start.day,
                "m2": self.end.month,
                "d2": self.end.day,
            }
        return date_format(self.start, "YEAR_MONTH_FORMAT")

    def previous(self) -> Period:
        before = self.start - dt.timedelta(days=1)
        return Period.week_of(before) if self.kind == "week" else Period.month_of(before)

    def next(self) -> Period:
        after = self.end + dt.timedelta(days=1)
        return Period.week_of(after) if self.kind == "week" else Period.month_of(after)

    def counted_end(self, today: dt.date) -> dt.date:
        """The last day a report of this period counts: its end once it is over; today while it
        runs (reported to date); the day before its start while it has not begun (nothing)."""
        if today < self.start:
            return self.start - dt.timedelta(days=1)
        return min(self.end, today)

    def is_to_date(self, today: dt.date) -> bool:
        """True while the period has not ended (its last day included): its reports say 截至 today."""
        return today <= self.end

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def working_days(self) -> int:
        return working_days(self.start, self.end)

    @property
    def calendar_missing_years(self) -> list[int]:
        return calendar_missing_years(self.start, self.end)
