"""Training reads: the sessions a user may see and each person's training hours."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.db.models.functions import ExtractMonth

from accounts.models import Role, User
from accounts.scoping import visible_to

from . import rules
from .models import Attendance, TrainingSession

ZERO = Decimal("0.0")
TENTH = Decimal("0.1")  # hours are shown with one decimal everywhere: 3.0 beside 0.0, never "3"


def sessions_for(user: User) -> QuerySet[TrainingSession]:
    """Sessions the user may read: the manager's teams', every team's for the leader, and for a
    salesperson or an analyst the sessions they are on the list of (attended or not)."""
    qs = visible_to(user, TrainingSession.objects.select_related("team", "trainer"))
    if user.role == Role.ANALYST:
        qs = qs.filter(attendances__person=user)
    return qs.distinct()


def members(team_id: int) -> QuerySet[User]:
    """Who can attend the team's training: its active salespeople and analysts (training.rules)."""
    return User.objects.filter(
        team_id=team_id, is_active=True, role__in=[Role.SALESPERSON, Role.ANALYST]
    ).order_by("role", "username")


def hours_by_month(person_ids: list[int], year: int) -> dict[int, dict[int, Decimal]]:
    """Training hours = the hours of the sessions a person attended (attended = yes), counted in
    the month of the session's date; {person: {month: hours}} for one calendar year."""
    rows = (
        Attendance.objects.filter(person_id__in=person_ids, attended=True, session__date__year=year)
        .annotate(m=ExtractMonth("session__date"))
        .values("person_id", "m")
        .annotate(h=Sum("session__hours"))
    )
    out: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for r in rows:
        # the database's sum drops the trailing zero on some backends (SQLite: 3, not 3.0)
        out[r["person_id"]][r["m"]] = Decimal(r["h"]).quantize(TENTH)
    return out


def person_year(person: User, year: int) -> dict[str, Any]:
    """One person's months of a year: hours per month and the year's total."""
    by_month = hours_by_month([person.pk], year).get(person.pk, {})
    months = [(m, by_month.get(m, ZERO)) for m in range(1, 13)]
    return {"months": months, "total": sum((h for _m, h in months), ZERO)}


def team_hours(team_id: int, day: dt.date) -> list[dict[str, Any]]:
    """The manager's team view: each member's training hours in day's month and year to date."""
    people = list(members(team_id))
    by_month = hours_by_month([p.pk for p in people], day.year)
    return [
        {
            "person": p,
            "month": by_month.get(p.pk, {}).get(day.month, ZERO),
            "year": sum(by_month.get(p.pk, {}).values(), ZERO),
        }
        for p in people
    ]


def session_rows(session: TrainingSession) -> list[dict[str, Any]]:
    """The attendance sheet: every member of the team now, plus anyone recorded earlier (a member
    who has since left stays on the sheet), with the recorded answer or none yet."""
    recorded = {a.person_id: a for a in session.attendances.select_related("person")}
    people = {p.pk: p for p in members(session.team_id)}
    for a in recorded.values():
        people.setdefault(a.person_id, a.person)
    return [
        {
            "person": p,
            "attendance": recorded.get(p.pk),
            "member": rules.is_member(p, session.team_id),
        }
        for p in sorted(people.values(), key=lambda p: (p.role, p.username))
    ]
