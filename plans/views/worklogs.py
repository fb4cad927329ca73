"""The salesperson's work log (工作日志): one a day, beside that day's visits and planned items."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import role_required
from salesops.views import parse_day, redirect_to, run_create

from .. import queries, services
from ..forms import WorkLogForm


@role_required(Role.SALESPERSON)
def worklog(request):
    today = timezone.localdate()
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
    recent = request.user.work_logs.order_by("-date")[:14]
    return render(
        request,
        "plans/worklog.html",
        {
            **view,
            "form": form,
            "day": day,
            "today": today,
            "recent": recent,
            "prev_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1),
        },
    )
