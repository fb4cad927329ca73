"""Daily key follow-ups (每日重点跟进) and the manager's weekly work plan, as the manager writes it
and as the office reads what was reported."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import role_required
from accounts.scoping import get_visible_or_404, visible_to
from salesops import clock
from salesops.periods import Period
from salesops.views import parse_day, redirect_to, run_create, run_service
from visits.models import Client, ClientStatus

from .. import queries, services
from ..forms import FocusForm, ManagerWeekForm
from ..models import ManagerWeeklyPlan
from .common import month_or_week, own_team


@role_required(Role.MANAGER)
def focus(request):
    today = clock.today()
    day = parse_day(request.GET.get("date"), today)
    clients = (
        visible_to(request.user, Client.objects.live())
        .exclude(status__in=[ClientStatus.DROPPED, ClientStatus.FUNDED])
        .select_related("salesperson")
        .order_by("salesperson__full_name", "name")
    )
    form = FocusForm(request.POST or None, clients=clients, initial={"date": day})
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data["client"]
        response = run_create(
            request,
            lambda: services.focus_assign(
                manager=request.user,
                salesperson=c.salesperson,
                client=c,
                date=form.cleaned_data["date"],
                instruction=form.cleaned_data["instruction"],
            ),
            success=_("已安排重点跟进：%(name)s。") % {"name": c.name},
            form=form,
            then=lambda focus: redirect_to("plans:focus", date=focus.date.isoformat()),
        )
        if response:
            return response
    rows = list(queries.focus_for(request.user, day))
    return render(
        request,
        "plans/focus.html",
        {
            "form": form,
            "rows": rows,
            "day": day,
            "missed": sum(1 for r in rows if not r.visit_id),
            "prev_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1),
            "today": today,
        },
    )


@role_required(Role.MANAGER)
def manager_week(request):
    period = month_or_week(request, "week")
    team = own_team(request)
    data = queries.manager_week(request.user, team.pk, period)
    own = data["own"]
    form = ManagerWeekForm(
        request.POST or None,
        initial={"version": own.version, "own_items": own.own_items} if own else {},
    )
    if request.method == "POST" and form.is_valid():
        report = "report" in request.POST
        ok = run_service(
            request,
            lambda: services.manager_weekly_plan_save(
                team=team,
                week_start=period.start,
                by=request.user,
                own_items=form.cleaned_data["own_items"],
                report=report,
                expected_version=form.cleaned_data["version"],
            ),
            success=_("周工作方案已上报办公室。") if report else _("周工作方案已保存。"),
            form=form,
        )
        if ok:
            return redirect_to("plans:manager_week", week=period.key)
    return render(
        request,
        "plans/manager_week.html",
        {**data, "form": form, "period": period, "prev": period.previous(), "next": period.next()},
    )


@role_required(Role.OFFICE, Role.MANAGER, Role.LEADER)
def manager_week_detail(request, pk: int):
    """A reported weekly work plan as the office reads it: the compiled items and the manager's own."""
    own = get_visible_or_404(
        request.user, ManagerWeeklyPlan.objects.select_related("team", "author"), pk=pk
    )
    period = Period.week_of(own.week_start)
    data = queries.manager_week(request.user, own.team_id, period)
    return render(
        request,
        "plans/manager_week.html",
        {**data, "own": own, "period": period, "readonly": True},
    )


@role_required(Role.OFFICE, Role.MANAGER, Role.LEADER)
def office(request):
    return render(request, "plans/office.html", queries.office_submissions(request.user))
