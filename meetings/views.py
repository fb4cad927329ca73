"""Meeting pages: the list, recording a weekly or a strategy meeting, and reading one. Thin: scope,
role, one service or query."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from accounts.scoping import get_visible_or_404, visible_to, visible_users
from plans.forms import TaskForm
from plans.views.month import assign_task_from_post
from salesops.periods import Period
from salesops.services import today
from salesops.views import redirect_to, run_create

from . import queries, rules, services
from .forms import MeetingForm, WeeklyMeetingForm
from .models import StrategyMeeting, WeeklyMeeting


def _team(request):
    if request.user.team_id is None:
        raise PermissionDenied
    return request.user.team


def _period(request, kind: str, default: Period) -> Period:
    try:
        period = Period.parse(request.GET.get(kind) or request.POST.get(kind) or "")
    except (ValueError, OverflowError):
        return default
    if period.kind != kind or not 2000 <= period.start.year <= 2100:
        return default
    return period


def _ids(values) -> set[int]:
    """The ids a (possibly hand-made) POST ticked, ignoring anything that is not one."""
    ids = set()
    for v in values or []:
        v = str(v)
        if v.isascii() and v.isdigit() and len(v) < 10:
            ids.add(int(v))
    return ids


@role_required(*rules.READERS)
def meeting_list(request):
    user = request.user
    return render(
        request,
        "meetings/list.html",
        {
            "weekly": visible_to(user, WeeklyMeeting.objects.select_related("team"))[:100],
            "strategy": visible_to(user, StrategyMeeting.objects.select_related("team"))[:100],
            "can_run": user.role == Role.MANAGER and rules.may_run_meetings(user, user.team_id),
        },
    )


@role_required(Role.MANAGER)
def weekly_create(request):
    team = _team(request)
    week = _period(request, "week", Period.week_of(today()).next())
    items = list(queries.week_items(team.pk, week.start))
    people = list(queries.attendee_choices(team))
    form = WeeklyMeetingForm(
        request.POST or None,
        initial={
            "date": today(),
            "attendees": [p.pk for p in people],
            "key_items": [i.pk for i in items if i.is_key],
        },
        people=people,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        response = run_create(
            request,
            lambda: services.weekly_meeting_record(
                team=team,
                by=request.user,
                date=d["date"],
                week=week.start,
                attendees=d["attendees"],
                minutes=d["minutes"],
                key_items=d["key_items"],
            ),
            success=_("周例会已记录，重点拜访已确定。"),
            form=form,
            then=lambda meeting: redirect_to("meetings:weekly_detail", meeting.pk),
        )
        if response:
            return response
    chosen = _ids(form["key_items"].value())
    attending = _ids(form["attendees"].value())
    return render(
        request,
        "meetings/weekly_form.html",
        {
            "form": form,
            "week": week,
            "prev": week.previous(),
            "next": week.next(),
            "items": [(i, i.pk in chosen) for i in items],
            "people": [(p, p.pk in attending) for p in people],
        },
    )


@role_required(*rules.READERS)
def weekly_detail(request, pk: int):
    meeting = get_visible_or_404(
        request.user, WeeklyMeeting.objects.select_related("team", "created_by"), pk=pk
    )
    return render(
        request,
        "meetings/weekly_detail.html",
        {
            "meeting": meeting,
            "week": Period.week_of(meeting.week_start),
            "attendees": meeting.attendees.order_by("role", "username"),
            "key_items": meeting.key_items.select_related("plan__owner", "client").order_by(
                "plan__owner__username", "date"
            ),
        },
    )


@role_required(Role.MANAGER)
def strategy_create(request):
    team = _team(request)
    month = _period(request, "month", Period.month_of(today()))
    people = list(queries.attendee_choices(team))
    form = MeetingForm(
        request.POST or None,
        initial={"date": today(), "attendees": [p.pk for p in people]},
        people=people,
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        response = run_create(
            request,
            lambda: services.strategy_meeting_record(
                team=team,
                by=request.user,
                month=month.start,
                date=d["date"],
                attendees=d["attendees"],
                minutes=d["minutes"],
            ),
            success=_("战略经营会已记录，请在本页为每位营销人员分配任务。"),
            form=form,
            then=lambda meeting: redirect_to("meetings:strategy_detail", meeting.pk),
        )
        if response:
            return response
    attending = _ids(form["attendees"].value())
    return render(
        request,
        "meetings/strategy_form.html",
        {
            "form": form,
            "month": month,
            "prev": month.previous(),
            "next": month.next(),
            "people": [(p, p.pk in attending) for p in people],
        },
    )


def _strategy(request, pk: int) -> StrategyMeeting:
    return get_visible_or_404(
        request.user, StrategyMeeting.objects.select_related("team", "created_by"), pk=pk
    )


@role_required(*rules.READERS)
def strategy_detail(request, pk: int):
    meeting = _strategy(request, pk)
    rows = queries.strategy_rows(meeting)
    can_run = rules.may_run_meetings(request.user, meeting.team_id)
    if can_run:
        for row in rows:
            task = row["task"]
            row["form"] = TaskForm(
                initial={
                    "version": task.version,
                    "target_visits": task.target_visits,
                    "target_new_clients": task.target_new_clients,
                    "target_accounts": task.target_accounts,
                    "target_deposit_amount": task.target_deposit_amount,
                }
                if task
                else {},  # no pre-filled targets (docs/design.md §The manager's month)
                prefix=f"t{row['person'].pk}",
            )
    return render(
        request,
        "meetings/strategy_detail.html",
        {
            "meeting": meeting,
            "month": Period.month_of(meeting.month),
            "attendees": meeting.attendees.order_by("role", "username"),
            "rows": rows,
            "missing": [r["person"] for r in rows if r["task"] is None],
            "can_run": can_run,
        },
    )


@require_POST
@role_required(Role.MANAGER)
def strategy_assign(request, pk: int, user_id: int):
    """任务分配 at the strategy meeting: plans' own service, for one salesperson of the team."""
    meeting = _strategy(request, pk)
    person = (
        visible_users(request.user)
        .filter(role=Role.SALESPERSON, team_id=meeting.team_id, pk=user_id)
        .first()
    )
    if person is None:
        raise Http404
    assign_task_from_post(request, person, meeting.month)
    return redirect_to("meetings:strategy_detail", meeting.pk)
