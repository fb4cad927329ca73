"""Due times and the office's board: per team and period, each report submitted on time, late or missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.scoping import visible_teams
from salesops import clock
from salesops.periods import Period

from . import rules
from .definitions import REPORTS
from .models import Submission


def due_at(period: Period, code: str | None = None) -> dt.datetime:
    """When a report of ``period`` is due (docs/design.md §Due times).

    Statistics (reports 3–7) after their period: weekly the Monday after the week 12:00
    (REPORT_WEEKLY_DUE), monthly the 3rd of the next month 18:00 (REPORT_MONTHLY_DUE). Plan tables
    (reports 1 and 2) before the period they plan runs: weekly Monday 10:00 of that week
    (REPORT_WEEKLY_PLAN_DUE), monthly the 3rd of that month 18:00 (REPORT_MONTHLY_PLAN_DUE)."""
    tz = timezone.get_current_timezone()
    if code and REPORTS[code].plans_ahead:
        if period.kind == "week":
            cfg = settings.REPORT_WEEKLY_PLAN_DUE
            day = period.start + dt.timedelta(days=cfg["weekday"])
        else:
            cfg = settings.REPORT_MONTHLY_PLAN_DUE
            day = period.start.replace(day=cfg["day"])
        return dt.datetime.combine(day, dt.time(cfg["hour"], cfg["minute"]), tzinfo=tz)
    if period.kind == "week":
        cfg = settings.REPORT_WEEKLY_DUE
        day = period.end + dt.timedelta(days=1 + (cfg["weekday"] - 0) % 7)
        return dt.datetime.combine(day, dt.time(cfg["hour"], cfg["minute"]), tzinfo=tz)
    cfg = settings.REPORT_MONTHLY_DUE
    day = (period.end + dt.timedelta(days=1)).replace(day=cfg["day"])
    return dt.datetime.combine(day, dt.time(cfg["hour"], cfg["minute"]), tzinfo=tz)


def state_of(submission: Submission | None, due: dt.datetime, now: dt.datetime) -> str:
    if submission is None:
        return "missing" if now > due else "pending"
    return "on_time" if submission.submitted_at <= due else "late"


STATE_LABELS = {
    "on_time": _("按时上报"),
    "late": _("逾期上报"),
    "missing": _("未上报"),
    "pending": _("未到期"),
}


def asked_period(code: str, period: Period) -> Period:
    """The period a report is asked for in the reporting round of ``period``: plan tables look
    ahead (the next period's plan, due as that period begins), statistics look back (``period``)."""
    return period.next() if REPORTS[code].plans_ahead else period


def status_board(user: User, weeks: int = 6, months: int = 3) -> list[dict[str, Any]]:
    """Reporting rounds × teams × reports, with the newest submission of each; three queries.

    A round is named by the period its statistics cover; in it the plan tables are those of the
    next period (both are due as that next period begins: the weekly plan table on Monday 10:00,
    the statistics at 12:00). The newest rounds come first: the running period's round (its
    plan table for the coming week or month is what is asked next), then the past ones."""
    today = clock.today()
    now = clock.now()
    periods = []
    week = Period.week_of(today)
    for _week in range(weeks):
        periods.append(week)
        week = week.previous()
    month = Period.month_of(today)
    for _month in range(months):
        periods.append(month)
        month = month.previous()
    teams = list(visible_teams(user))
    asked = {p.key for p in periods} | {p.next().key for p in periods}
    subs: dict[tuple, Submission] = {}
    for s in (
        Submission.objects.filter(team__in=teams, period_key__in=asked)
        .select_related("submitted_by", "acknowledged_by")
        .order_by("submitted_at")
    ):
        subs[(s.team_id, s.code, s.period_key)] = s
    board = []
    for period in periods:
        for team in teams:
            cells = []
            for defn in REPORTS.values():
                if defn.period_kind != period.kind:
                    continue
                cell_period = asked_period(defn.code, period)
                due = due_at(cell_period, defn.code)
                sub = subs.get((team.pk, defn.code, cell_period.key))
                state = state_of(sub, due, now)
                cells.append(
                    {
                        "defn": defn,
                        "period": cell_period,
                        "due": due,
                        "submission": sub,
                        "state": state,
                        "label": STATE_LABELS[state],
                    }
                )
            board.append({"period": period, "team": team, "due": due_at(period), "cells": cells})
    return board


def board_summary(board: list[dict[str, Any]]) -> dict[str, int]:
    """Counts for the top of the board: submissions waiting for the office, late, missing."""
    cells = [cell for block in board for cell in block["cells"]]
    return {
        "to_acknowledge": sum(
            1 for c in cells if c["submission"] and not c["submission"].acknowledged_at
        ),
        "late": sum(1 for c in cells if c["state"] == "late"),
        "missing": sum(1 for c in cells if c["state"] == "missing"),
        "on_time": sum(1 for c in cells if c["state"] == "on_time"),
    }


def latest_submission(team_id: int | None, code: str, period: Period) -> Submission | None:
    if not team_id:
        return None
    return (
        Submission.objects.filter(team_id=team_id, code=code, period_key=period.key)
        .select_related("acknowledged_by")
        .order_by("-submitted_at")
        .first()
    )


def home_context(user: User) -> dict[str, Any]:
    """Report deadlines and submissions for the manager's and the office's home pages."""
    if user.role not in rules.ACTIONS["board"]:  # by role: a superuser's home has no board
        return {}
    board = status_board(user, weeks=2, months=1)
    return {"report_board": board, "report_summary": board_summary(board)}
