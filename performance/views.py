"""Targets and pace of a team (3.1) with its charts, and the annual work plan (3.4)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role, Team
from accounts.permissions import role_required
from accounts.scoping import get_visible_or_404
from salesops import clock
from salesops.periods import MAX_YEAR, MIN_YEAR, Period
from salesops.views import parse_id, redirect_to, run_service

from . import queries, rules, services
from .forms import AnnualPlanForm
from .models import AnnualPlan


def _month(request) -> Period:
    try:
        period = Period.parse(request.GET.get("month") or "")
        if period.kind == "month":
            return period
    except ValueError:
        pass
    return Period.month_of(clock.today())


def _year(request) -> int:
    year = parse_id(request.GET.get("year") or request.POST.get("year"))
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return clock.today().year
    return year


def _team(request, pk: int) -> Team:
    team = get_visible_or_404(request.user, Team.objects.select_related("manager"), pk=pk)
    if not rules.may_read_team(request.user, team.pk):
        raise PermissionDenied
    return team  # type: ignore[return-value]


@role_required(Role.MANAGER, Role.LEADER)
def team(request, pk: int):
    """A team's targets against actuals and pace, its 12-week trend, funnel and the year's pace."""
    team = _team(request, pk)
    month = _month(request)
    today = clock.today()
    result = queries.pace([team.pk], month, today)
    team_pace = result.teams[0]
    trend = queries.trend([team.pk], today)
    funnel = queries.funnel([team.pk])
    return render(
        request,
        "performance/team.html",
        {
            "team": team,
            "pace": result,
            "team_pace": team_pace,
            "pace_chart": queries.pace_json(team_pace.total),
            "trend": trend,
            "trend_data": queries.trend_json(trend),
            "funnel": funnel,
            "funnel_data": queries.funnel_json(funnel),
            "year": queries.year_pace(team.pk, month.start.year, today),
            "prev": month.previous(),
            "next": month.next(),
        },
    )


def _annual_context(request, team: Team, year: int, form: AnnualPlanForm | None) -> dict:
    today = clock.today()
    plan = AnnualPlan.objects.filter(team=team, year=year).prefetch_related("months").first()
    may_write = rules.may_write_annual_plan(request.user, team.pk)
    if form is None and may_write:
        initial: dict = {"year": year}
        if plan:
            initial.update(
                version=plan.version,
                notes=plan.notes,
                **{m: getattr(plan, m) for m in services.MEASURES},
            )
            for row in queries.annual_plan_rows(plan):
                for m in services.MEASURES:
                    initial[f"m{row['month']}_{m}"] = row[m]
        else:
            for m in services.MEASURES:
                initial[m] = 0
                for number in range(1, 13):
                    initial[f"m{number}_{m}"] = 0
        form = AnnualPlanForm(initial=initial)
    return {
        "team": team,
        "year": year,
        "plan": plan,
        "rows": queries.annual_plan_rows(plan),
        "pace_year": queries.year_pace(team.pk, year, today),
        "form": form if may_write else None,
        "prev_year": year - 1 if year > MIN_YEAR else None,
        "next_year": year + 1 if year < MAX_YEAR else None,
    }


@role_required(Role.MANAGER, Role.LEADER)
def annual(request, pk: int):
    """The team's annual work plan: the manager writes it, the leader reads it."""
    team = _team(request, pk)
    return render(
        request, "performance/annual.html", _annual_context(request, team, _year(request), None)
    )


@require_POST
@role_required(Role.MANAGER)
def annual_save(request, pk: int):
    team = _team(request, pk)
    form = AnnualPlanForm(request.POST)
    year = _year(request)
    if form.is_valid():
        d = form.cleaned_data
        year = d["year"]
        ok = run_service(
            request,
            lambda: services.annual_plan_save(
                team=team,
                year=year,
                by=request.user,
                year_targets=form.targets(),
                months=form.month_targets(),
                notes=d["notes"],
                expected_version=d["version"],
            ),
            success=_("年度工作计划已保存。"),
            form=form,
        )
        if ok:
            return redirect_to("performance:annual", team.pk, year=year)
    return render(request, "performance/annual.html", _annual_context(request, team, year, form))
