"""The salesperson's work log (工作日志): one a day, beside that day's visits and planned items."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from accounts.scoping import get_visible_or_404
from salesops import clock
from salesops.views import parse_day, redirect_to, run_create

from .. import queries, services
from ..forms import WorkLogCommentForm, WorkLogForm
from ..models import WorkLog
from .common import own_team


@role_required(Role.SALESPERSON)
def worklog(request):
    today = clock.today()
    day = parse_day(request.GET.get("date") or request.POST.get("date"), today)
    day = min(day, today)
    view = queries.day_view(request.user, day)
    log = view["log"]
    initial = (
        {"version": log.version, "content": log.content, "tomorrow": log.tomorrow} if log else {}
    )
    form = WorkLogForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = run_create(
            request,
            lambda: services.worklog_write(
                salesperson=request.user,
                date=day,
                content=data["content"],
                tomorrow=data["tomorrow"],
                expected_version=data["version"],
            ),
            success=_("工作日志已保存。"),
            form=form,
            then=lambda _log: redirect_to("plans:worklog", date=day.isoformat()),
        )
        if response:
            return response
    recent = request.user.work_logs.annotate(comment_count=Count("comments")).order_by("-date")[:14]
    comments = (
        list(log.comments.select_related("author").order_by("created_at", "pk")) if log else []
    )
    return render(
        request,
        "plans/worklog.html",
        {
            **view,
            "form": form,
            "day": day,
            "today": today,
            "recent": recent,
            "comments": comments,
            "prev_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1),
        },
    )


@role_required(Role.MANAGER)
def team_logs(request):
    """督导: the team's work logs of a day, who wrote none, and the week's missing working days."""
    team = own_team(request)
    today = clock.today()
    day = min(parse_day(request.GET.get("date"), today), today)
    view = queries.team_logs(team.pk, day, today)
    for row in view["rows"]:
        row["form"] = WorkLogCommentForm() if row["log"] else None
    return render(
        request,
        "plans/team_logs.html",
        {
            **view,
            "team": team,
            "day": day,
            "today": today,
            "prev_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1),
            "missing_today": [r["person"] for r in view["rows"] if r["log"] is None]
            if view["working_day"]
            else [],
        },
    )


@require_POST
@role_required(Role.MANAGER)
def worklog_comment(request, pk: int):
    log = get_visible_or_404(request.user, WorkLog.objects.select_related("salesperson"), pk=pk)
    back = lambda _comment=None: redirect_to("plans:team_logs", date=log.date.isoformat())  # noqa: E731
    form = WorkLogCommentForm(request.POST)
    if form.is_valid():
        response = run_create(
            request,
            lambda: services.worklog_comment(
                log=log, by=request.user, text=form.cleaned_data["text"]
            ),
            success=_("批注已保存，%(name)s 会在日志页看到。")
            % {"name": log.salesperson.display_name},
            form=form,
            then=back,
        )
        if response:
            return response
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return back()
