"""The private calendar feed (RFC 5545, written with the icalendar library): a person's visit plan
items, daily key follow-ups and revisit deadlines (限期二次回访); a manager's cover the teams they
manage. Office, leader and people without a role get an empty calendar: they own no deadlines."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from accounts.models import Role, User
from accounts.scoping import visible_to
from salesops import clock
from salesops.services import today

# what the feed covers, around today
PAST_DAYS = 30
FUTURE_DAYS = 120


def _scoped(user: User, qs: QuerySet) -> QuerySet:
    if user.role in (Role.SALESPERSON, Role.MANAGER):
        return visible_to(user, qs)
    return qs.none()


def _event(uid: str, day: dt.date, summary: str, description: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@salesops")
    event.add("dtstamp", clock.now())
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def feed(user: User) -> bytes:
    from plans.models import DailyFocus, VisitPlanItem
    from visits.models import OVERDUE_STATES, Client

    start = today() - dt.timedelta(days=PAST_DAYS)
    end = today() + dt.timedelta(days=FUTURE_DAYS)
    manager = user.role == Role.MANAGER
    cal = Calendar()
    cal.add("prodid", "-//salesops//notifications//CN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("营销管理 · 我的期限"))
    cal.add("x-wr-timezone", "Asia/Shanghai")

    def who(person: User) -> str:
        return f"{person.display_name} · " if manager else ""

    items = (
        _scoped(user, VisitPlanItem.objects.live())
        .filter(date__range=(start, end), plan__status__in=["draft", "submitted", "approved"])
        .select_related("client", "plan__owner")
    )
    for item in items:
        summary = _("拜访：%(target)s（%(purpose)s）") % {
            "target": item.target_name,
            "purpose": item.get_purpose_display(),
        }
        cal.add_component(
            _event(f"plan-item-{item.pk}", item.date, who(item.plan.owner) + summary, item.note)
        )
    focus = (
        _scoped(user, DailyFocus.objects.all())
        .filter(date__range=(start, end))
        .select_related("client", "salesperson")
    )
    for f in focus:
        summary = _("重点跟进：%(client)s") % {"client": f.client.name}
        cal.add_component(
            _event(f"focus-{f.pk}", f.date, who(f.salesperson) + summary, f.instruction)
        )
    clients = (
        _scoped(user, Client.objects.filter(archived_at__isnull=True))
        .filter(status__in=OVERDUE_STATES, revisit_due__range=(start, end))
        .select_related("salesperson")
    )
    for c in clients:
        summary = _("二次回访期限：%(client)s") % {"client": c.name}
        assert c.revisit_due is not None
        cal.add_component(
            _event(
                f"revisit-{c.pk}-{c.revisit_due:%Y%m%d}",
                c.revisit_due,
                who(c.salesperson) + summary,
            )
        )
    return cal.to_ical()
