"""Reads for the 外勤 pages: the manager's day view and the check-ins shown on a client's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from accounts.models import Team, User
from accounts.scoping import visible_salespeople, visible_to
from plans.models import DailyFocus, VisitPlanItem
from visits.models import Visit

from .models import CheckIn, PositionState
from .services import checkin_distance

SIGNED = "signed"
NOT_SIGNED = "not_signed"
REFUSED = "refused"


def checkin_state(checkin: CheckIn | None) -> str:
    """签到 / 未签到 / 定位被拒绝, as the manager reads it."""
    if checkin is None:
        return NOT_SIGNED
    if checkin.position_state == PositionState.OK:
        return SIGNED
    if checkin.position_state == PositionState.REFUSED:
        return REFUSED
    return NOT_SIGNED


def visit_checkin(visit: Visit) -> dict[str, Any]:
    checkin = getattr(visit, "checkin", None)
    return {
        "visit": visit,
        "checkin": checkin,
        "state": checkin_state(checkin) if visit.kind == "onsite" else None,
        "distance": checkin_distance(checkin) if checkin else None,
    }


def client_checkins(user: User, client_pk: int) -> dict[int, dict[str, Any]]:
    """Visit id → its check-in summary, for the client's timeline."""
    visits = visible_to(
        user,
        Visit.objects.live()
        .filter(client_id=client_pk)
        .select_related("checkin", "client__location"),
    )
    return {v.pk: visit_checkin(v) for v in visits}


def day_counts(user: User, day: dt.date) -> dict[str, int]:
    """The manager's home card, counted in the database by the rules of ``day_view``: the day's
    onsite visits of the visible teams' active salespeople, those checked in with a position
    (签到), and the planned items and key follow-ups of the day that had no visit. Three queries,
    whatever the day's number of visits (the card does not grow with the team's day)."""
    people = visible_salespeople(user).filter(is_active=True)
    visits = visible_to(user, Visit.objects.live()).filter(
        date=day, salesperson__in=people, kind="onsite"
    )
    counts = visits.aggregate(
        onsite=Count("pk"),
        signed=Count("pk", filter=Q(checkin__position_state=PositionState.OK)),
    )
    missed = (
        VisitPlanItem.objects.live()
        .filter(date=day, visit__isnull=True, plan__owner__in=people)
        .count()
    ) + DailyFocus.objects.filter(date=day, visit__isnull=True, salesperson__in=people).count()
    return {"onsite": counts["onsite"], "signed": counts["signed"], "missed": missed}


def day_view(user: User, day: dt.date, team: Team | None = None) -> list[dict[str, Any]]:
    """Per salesperson of the visible teams (or of ``team``): the day's visits in time order with
    their check-in, and the planned and key follow-up visits that had none."""
    people = visible_salespeople(user).filter(is_active=True)
    if team is not None:
        people = people.filter(team=team)
    visits = (
        visible_to(user, Visit.objects.live())
        .filter(date=day, salesperson__in=people)
        .select_related("client", "client__location", "checkin", "salesperson")
        .order_by("time", "created_at", "pk")
    )
    by_person: dict[int, list[Visit]] = {}
    for v in visits:
        by_person.setdefault(v.salesperson_id, []).append(v)
    planned = (
        VisitPlanItem.objects.live()
        .filter(date=day, visit__isnull=True, plan__owner__in=people)
        .select_related("client", "plan")
    )
    missed: dict[int, list[VisitPlanItem]] = {}
    for item in planned:
        missed.setdefault(item.plan.owner_id, []).append(item)
    focus: dict[int, list[DailyFocus]] = {}
    focus_qs = DailyFocus.objects.filter(date=day, visit__isnull=True, salesperson__in=people)
    for f in focus_qs.select_related("client"):
        focus.setdefault(f.salesperson_id, []).append(f)
    rows = []
    for person in people.order_by("team__name", "username"):
        entries = [visit_checkin(v) for v in by_person.get(person.pk, [])]
        rows.append(
            {
                "salesperson": person,
                "visits": entries,
                "signed": sum(1 for e in entries if e["state"] == SIGNED),
                "onsite": sum(1 for e in entries if e["state"] is not None),
                "missed_items": missed.get(person.pk, []),
                "missed_focus": focus.get(person.pk, []),
            }
        )
    return rows
