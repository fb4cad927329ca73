"""The demo department's report submissions: earlier weeks and last month submitted by 营销一部's
manager (some late), mostly acknowledged by the office; the last complete week is left for the
manager to submit."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salesops.clock import clock_at
from salesops.periods import Period

from . import services
from .definitions import REPORTS
from .models import Submission
from .submissions import asked_period, due_at


def build(users: dict) -> None:
    manager, office = users["zhangym"], users["zhengxin"]
    if Submission.objects.filter(team=manager.team).exists():
        return
    today = timezone.localdate()
    week = Period.last_complete("week", today).previous()
    for back in range(3):
        late = back == 1
        _submit(manager, office, week, "week", late=late, acknowledge=back > 0)
        week = week.previous()
    _submit(
        manager,
        office,
        Period.last_complete("month", today),
        "month",
        late=False,
        acknowledge=False,
    )


def _submit(manager, office, period: Period, kind: str, *, late: bool, acknowledge: bool) -> None:
    for defn in REPORTS.values():
        if defn.period_kind != kind:
            continue
        # the round of ``period``: its statistics, and the next period's plan table
        asked = asked_period(defn.code, period)
        when = due_at(asked, defn.code) + (
            dt.timedelta(hours=5) if late else -dt.timedelta(hours=2)
        )
        when = min(when, timezone.now())
        with clock_at(when):
            sub = services.submission_create(
                team=manager.team, code=defn.code, period=asked, by=manager
            )
            if acknowledge:
                # the office signs the next working morning
                signed = min(when + dt.timedelta(hours=20), timezone.now())
                with clock_at(signed):
                    services.submission_acknowledge(submission=sub, by=office)
