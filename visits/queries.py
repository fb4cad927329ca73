"""Reads for the visits pages and home pages; every list is scoped by accounts.scoping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django_fsm_log.models import StateLog

from accounts.models import Role, User
from accounts.scoping import visible_to
from salesops import clock
from salesops.registry import TodoLine
from salesops.services import is_day_only

from . import extensions
from .masking import mask_phone, searches_by_phone
from .models import Client, ClientStatus, Visit


def clients_for(user: User) -> QuerySet[Client]:
    """The clients a user may see, with what the list pages show, in a fixed number of queries.

    The visit count and last visit date are the client's denormalised fields (kept by
    visits.services), not a join of every visit."""
    return (
        visible_to(user, Client.objects.live())
        .select_related("salesperson", "analyst", "team")
        .annotate(
            visit_count=F("visit_total"),
            last_visit=F("last_visit_on"),
            # the list marks a missed deadline red: the one rule, asked in the same query
            overdue_now=Exists(
                Client.objects.overdue(today=clock.today()).filter(pk=OuterRef("pk"))
            ),
        )
    )


HOME_LIST = 10  # rows a home page list shows; a "more" link opens the full list
SHORTLIST = 50  # clients rendered into the 记录拜访 page, for choosing offline (fieldwork)
SEARCH_MATCHES = 20  # clients one search answers with


def loggable_clients(user: User) -> QuerySet[Client]:
    """The clients ``user`` may log a visit for: visible, not dropped, not in the team's pool
    (a pooled client is visited after it is assigned or claimed)."""
    return (
        visible_to(user, Client.objects.live())
        .exclude(status=ClientStatus.DROPPED)
        .filter(in_pool_since__isnull=True)
    )


def visit_shortlist(user: User, *, include: list[int] | None = None) -> list[Client]:
    """The few clients the 记录拜访 page lists without a search (and offline, where the search
    cannot answer): today's planned clients first, then the most recently visited, at most
    SHORTLIST, plus the ones in ``include`` (the client asked for or posted)."""
    today = clock.today()
    rows: list[Client] = list(
        loggable_clients(user)
        .annotate(planned=_any_exists(planned(user, today) for planned in extensions.planned_today))
        .order_by("-planned", F("last_visit_on").desc(nulls_last=True), "name", "pk")[:SHORTLIST]
    )
    missing = [pk for pk in include or [] if pk not in {c.pk for c in rows}]
    if missing:
        rows += list(loggable_clients(user).filter(pk__in=missing))
    return rows


def search_loggable(user: User, q: str) -> list[Client]:
    """Search-as-you-type for 记录拜访: at most SEARCH_MATCHES of the clients ``user`` may log a
    visit for, by name — and by number for whoever may search by numbers (visits.masking)."""
    q = q.strip()[:50]
    if not q:
        return []
    match = Q(name__icontains=q)
    if searches_by_phone(user) and any(ch.isdigit() for ch in q):
        match |= Q(phone__icontains=q)
    return list(
        loggable_clients(user)
        .filter(match)
        .order_by(F("last_visit_on").desc(nulls_last=True), "name", "pk")[:SEARCH_MATCHES]
    )


def overdue_clients(user: User, today: dt.date | None = None) -> QuerySet[Client]:
    """The visible clients whose 限期二次回访 is missed now (``Client.objects.overdue``, the one
    rule: a deadline of today is not overdue until tomorrow), oldest first."""
    return (
        visible_to(user, Client.objects.live().overdue(today=today or clock.today()))
        .select_related("salesperson")
        .order_by("revisit_due")
    )


def status_counts(user: User) -> list[dict[str, Any]]:
    """Count of visible clients per pipeline state, every state listed (zero included)."""
    counts = dict(
        visible_to(user, Client.objects.live())
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        {"code": code, "label": label, "count": counts.get(code, 0)}
        for code, label in ClientStatus.choices
    ]


def analyst_queue(user: User) -> dict[str, QuerySet[Client]]:
    """Clients waiting for the analyst: needs analysis (visited) and an investment plan (reported)."""
    base = (
        visible_to(user, Client.objects.live())
        .filter(in_pool_since__isnull=True)  # pooled clients wait for an owner (clientpool/)
        .select_related("salesperson", "analyst")
        .annotate(last_visit=F("last_visit_on"))
    )
    return {
        "needs": base.filter(status=ClientStatus.VISITED).order_by("last_visit", "pk"),
        # a plan waiting for the manager's suitability decision: shown as such, not to be made
        "plans": base.filter(status=ClientStatus.REPORTED)
        .annotate(plan_waiting=_any_exists(waiting() for waiting in extensions.plan_waiting))
        .order_by("reported_on", "updated_at"),
    }


def _any_exists(subqueries: Any) -> Any:
    """True where any of the subqueries (each naming ``OuterRef("pk")``) has a row."""
    found: Any = Value(False, output_field=BooleanField())
    for rows in subqueries:
        found = Exists(rows) if isinstance(found, Value) else found | Exists(rows)
    return found


def visits_for(user: User) -> QuerySet[Visit]:
    return visible_to(user, Visit.objects.live()).select_related("client", "salesperson", "analyst")


def client_timeline(client: Client) -> list[dict[str, Any]]:
    """Visits, investment plans, closing results, deposits, the manager's acknowledgements and
    transitions, newest first."""
    events: list[dict[str, Any]] = []
    for v in client.visits.live().select_related("salesperson", "analyst"):
        events.append({"kind": "visit", **_at(v.date, v.time), "obj": v})
    for p in client.investment_plans.select_related("analyst"):
        events.append({"kind": "plan", **_stamped(p.created_at), "obj": p})
    for d in client.deposits.select_related("recorded_by"):
        events.append({"kind": "deposit", **_at(d.date, None, d.created_at), "obj": d})
    for f in client.failure_analyses.select_related("recorded_by"):
        events.append({"kind": "failure", "when": f.created_at, "obj": f})
    opening = getattr(client, "account_opening", None)
    if opening:
        events.append(
            {"kind": "opening", **_at(opening.date, None, opening.created_at), "obj": opening}
        )
    # the manager's 签收 of a report (problems.ReportAcknowledgement), with the comment
    for ack in client.report_acknowledgements.select_related("by"):
        events.append({"kind": "acknowledgement", "when": ack.at, "obj": ack})
    # requests to move the client to another salesperson, and the manager's decisions (ownership)
    for t in client.transfers.select_related(
        "from_salesperson", "to_salesperson", "requested_by", "decided_by"
    ):
        events.append({"kind": "transfer", "when": t.requested_at, "obj": t})
        if t.decided_at:
            events.append({"kind": "transfer_decided", "when": t.decided_at, "obj": t})
    for log in StateLog.objects.for_(client).select_related("by", "content_type"):
        events.append({"kind": "transition", **_stamped(log.timestamp), "obj": log})
    # the other apps' entries (suitability: assessments, a plan the client insisted on, the
    # manager's decision)
    for entries in extensions.timeline:
        events.extend(entries(client))
    events.sort(key=lambda e: e["when"], reverse=True)
    return events


def _at(day: dt.date, time: dt.time | None, fallback: dt.datetime | None = None) -> dict[str, Any]:
    """When a dated event happened, for sorting; ``date_only`` when its time of day is unknown
    (a deposit recorded days later has no time of its own), so the page shows no made-up time."""
    tz = timezone.get_current_timezone()
    if time is None and fallback is not None and timezone.localtime(fallback).date() == day:
        return {"when": fallback, "date_only": False}
    when = dt.datetime.combine(day, time or dt.time(23, 59), tzinfo=tz)
    return {"when": when, "date_only": time is None}


def _stamped(when: dt.datetime) -> dict[str, Any]:
    """A logged moment; ``date_only`` for an action recorded late, stamped with the end of the day
    it happened (salesops.services.moment_of), so the page shows no made-up time."""
    return {"when": when, "date_only": is_day_only(when)}


def client_history(client: Client) -> list[dict[str, Any]]:
    """Changes to the basic information: who, when, which fields from what to what."""
    rows = []
    records = list(
        client.history.select_related("history_user").order_by("-history_date", "-history_id")[:50]
    )
    for newer, older in zip(records, records[1:], strict=False):
        delta = newer.diff_against(older, excluded_fields=["status", "revisit_due", "reported_on"])
        if delta.changes:
            rows.append({"record": newer, "changes": [_readable(c) for c in delta.changes]})
    if records:
        rows.append({"record": records[-1], "changes": [], "created": True})
    return rows


def _readable(change) -> dict[str, Any]:
    """A history change with the field's Chinese name and choice labels instead of codes."""
    field = Client._meta.get_field(change.field)
    old, new = change.old, change.new
    if change.field == "phone":  # a page shows numbers masked (visits.masking)
        old, new = mask_phone(old), mask_phone(new)
    if field.choices:
        labels = dict(field.choices)
        old, new = labels.get(old, old), labels.get(new, new)
    elif field.is_relation:
        names = dict(
            User.objects.filter(pk__in=[v for v in (old, new) if v]).values_list("pk", "full_name")
        )
        old, new = names.get(old, old), names.get(new, new)
    return {"field": field.verbose_name, "old": old, "new": new}


def home_context(user: User) -> dict[str, Any]:
    today = clock.today()
    if user.role == Role.SALESPERSON:
        today_visits = visits_for(user).filter(date=today)
        return {
            # bounded: the page does not grow with the day's visits; the rest is one link away
            "today_visits": list(today_visits.order_by("time", "pk")[:HOME_LIST]),
            "today_visit_count": today_visits.count(),
            "overdue": list(overdue_clients(user)[:10]),
            "pipeline": status_counts(user),
            "visits_this_week": visits_for(user)
            .filter(date__gte=today - dt.timedelta(days=today.weekday()))
            .count(),
        }
    if user.role == Role.ANALYST:
        queue = analyst_queue(user)
        return {"queue_needs": list(queue["needs"][:10]), "queue_plans": list(queue["plans"][:10])}
    if user.role == Role.MANAGER:
        closing = (
            visible_to(user, Client.objects.live().filter(status=ClientStatus.CLOSING))
            .select_related("salesperson")
            .order_by("updated_at")
        )
        return {
            "pipeline": status_counts(user),
            "overdue": list(overdue_clients(user)[:10]),
            "closing_clients": list(closing[:10]),
            "team_visits_today": visits_for(user).filter(date=today).count(),
            "deposits_month": visible_to(user, Client.objects.all())
            .filter(deposits__date__gte=today.replace(day=1))
            .aggregate(total=Sum("deposits__amount"))["total"],
        }
    return {}


def todo_lines(user: User) -> list[TodoLine]:
    """The manager's to-do line of the pipeline (salesops.registry.todo): revisits overdue."""
    if user.role != Role.MANAGER:
        return []
    count = visible_to(user, Client.objects.live().overdue(today=clock.today())).count()
    return [
        TodoLine(
            gettext("逾期未二次回访的客户"), count, reverse("visits:pipeline") + "#overdue", 80
        )
    ]
