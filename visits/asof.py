"""Clients as of a moment (docs/design.md §Numbers as of a moment).

A closed period's numbers read each client as it was at the end of the period's last day, by
effective day:

- the state from the transition log (django-fsm-log ``StateLog``, stamped with when the action
  happened: salesops.fsmlog) — the target state of the last transition before the end, else the
  source state of the first one after it, else (a client never moved) the state now;
- 限期二次回访, the typed values and the owner (salesperson, analyst, team, the team's pool) from the
  client's history (django-simple-history): the newest record dated before the end. A record is
  dated when its change happened (salesops.services.bump: the services' clock; an action recorded
  late: the end of its day, ``moment_of``), so a value set after the period is not in it. A client
  with no record before the end (rows written without history) reads as it is now.

Name and phone are never read from history: they stay current.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_fsm_log.models import StateLog

# the values a closed period reads from history, annotated as ``<field>_then``
HISTORY_FIELDS = {
    "revisit_due": "revisit_due",
    "intended_funds": "intended_funds",
    "risk_preference": "risk_preference",
    "source": "source",
    "investment_experience": "investment_experience",
    "investment_needs": "investment_needs",
    "remarks": "remarks",
    "salesperson_id": "salesperson_id",
    "analyst_id": "analyst_id",
    "team_id": "team_id",
    "in_pool_since": "in_pool_since",
}
THEN = [f"{name}_then" for name in HISTORY_FIELDS] + ["status_then"]


def end_of(day: dt.date) -> dt.datetime:
    """The first instant after the local day ``day``: what is dated before it happened by then."""
    return dt.datetime.combine(
        day + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
    )


def clients_then(clients: QuerySet, *, day: dt.date | None) -> QuerySet:
    """``clients`` annotated with ``status_then`` and ``<field>_then`` (``HISTORY_FIELDS``): as of the
    end of ``day`` for a closed period, as they are now when ``day`` is None (the running period)."""
    if day is None:
        return clients.annotate(
            status_then=F("status"), **{f"{n}_then": F(f) for n, f in HISTORY_FIELDS.items()}
        )
    stop = end_of(day)
    Client = clients.model  # noqa: N806 - visits.models.Client, not imported: it asks this module
    history = Client.history.model.objects.filter(  # type: ignore[attr-defined]
        id=OuterRef("pk"), history_date__lt=stop
    ).order_by("-history_date", "-history_id")
    known = Exists(history)

    def then(field: str) -> Case:
        return Case(
            When(known, then=Subquery(history.values(field)[:1])),
            default=F(field),
            output_field=Client._meta.get_field(field.removesuffix("_id")).target_field
            if field.endswith("_id")
            else Client._meta.get_field(field),
        )

    logs = StateLog.objects.filter(  # joined, so that no query looks up the content type
        content_type__app_label=Client._meta.app_label,
        content_type__model=Client._meta.model_name,
        object_id=OuterRef("pk"),
    )
    status_then = Coalesce(
        Subquery(logs.filter(timestamp__lt=stop).order_by("-timestamp", "-pk").values("state")[:1]),
        Subquery(
            logs.filter(timestamp__gte=stop).order_by("timestamp", "pk").values("source_state")[:1]
        ),
        F("status"),
        output_field=CharField(),
    )
    return clients.annotate(
        status_then=status_then, **{f"{n}_then": then(f) for n, f in HISTORY_FIELDS.items()}
    )
