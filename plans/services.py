"""Every state-changing action on plans, work logs, tasks, letters and daily focus."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from visits.models import Visit

from .models import DailyFocus, VisitPlanItem


@transaction.atomic
def plan_items_mark_done(*, visit: Visit) -> int:
    """A visit fulfils its salesperson's open plan items and daily focus for that client and day.

    Called by visits.services whenever a visit is logged. Items planned for a prospective client
    by name (before the client existed) match by that name. Returns the number of items marked.
    """
    same_target = Q(client=visit.client) | Q(client__isnull=True, prospect_name=visit.client.name)
    items = VisitPlanItem.objects.filter(
        same_target,
        plan__owner=visit.salesperson,
        date=visit.date,
        visit__isnull=True,
        archived_at__isnull=True,
    )
    marked = items.update(visit=visit, client=visit.client)
    DailyFocus.objects.filter(
        salesperson=visit.salesperson, client=visit.client, date=visit.date, visit__isnull=True
    ).update(visit=visit)
    return marked
