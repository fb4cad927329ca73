"""Targets and pace (procedure 3.1), the charts' data and the year's pace (3.4).

Rules (docs/design.md §Targets and pace):
- Who: each salesperson with an **announced** task for the month (the team's MonthlySalesPlan has
  ``announced_at``); their four targets are the task's.
- Actuals month-to-date, counted exactly as reports 4 and 6 count them, over the month's first day
  through today (the whole month once it has ended):
  拜访 = the salesperson's visits (not archived) dated in the span; 新客户 = clients of the
  salesperson registered (created_at, local time) in the span; 开户 = account openings dated in the
  span of the salesperson's clients; 入金 = the amount of deposits dated in the span, credited to the
  client's salesperson.
- Pace (应完成进度) = target × working days elapsed ÷ working days in the month, working days from
  ``salesops.periods.working_days`` (elapsed counts the month's first day through today).
- A team's total sums the targets, actuals and pace of the same people (those with an announced
  task); its completion is recomputed from those sums.
- Year's pace (3.4): the team's actuals from 1 January through today (every salesperson of the team,
  by the same rules) against the allocated target to date = the months that have ended in full plus
  the running month's share × working days elapsed ÷ working days in the month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, Team, User
from accounts.scoping import visible_team_ids
from reports import freshness
from reports.queries import MONEY, _announced_tasks, local_day_bounds
from salesops import clock
from salesops.periods import Period, week_start, working_days
from visits.models import AccountOpening, Client, ClientStatus, Deposit, Visit

from .models import AnnualPlan

ZERO = Decimal("0")
# (key, label, target field, actual annotation)
MEASURES = (
    ("visits", gettext_lazy("拜访量"), "target_visits", "a_visits"),
    ("new_clients", gettext_lazy("新客户"), "target_new_clients", "a_new_clients"),
    ("accounts", gettext_lazy("开户数"), "target_accounts", "a_accounts"),
    ("deposit", gettext_lazy("入金金额"), "target_deposit_amount", "a_deposit"),
)
TREND_WEEKS = 12


def span_to_date(period: Period, today: dt.date) -> Period:
    """The counted span of a period: its first day through today while it runs (docs/design.md
    §Running and closed periods)."""
    return Period(period.kind, period.start, min(period.end, today))


def elapsed_share(month: Period, today: dt.date) -> tuple[int, int]:
    """(working days elapsed, working days in the month) — 0 elapsed before the month starts."""
    total = working_days(month.start, month.end)
    if today < month.start:
        return 0, total
    return working_days(month.start, min(today, month.end)), total


NO_ACTUALS = {"a_visits": 0, "a_new_clients": 0, "a_accounts": 0, "a_deposit": ZERO}


def actuals_by_person(people: Any, start: dt.date, end: dt.date) -> dict[int, dict[str, Any]]:
    """The four actuals over [start, end] for each of ``people`` (ids, or a subquery of them) by
    the module's rules, in four grouped queries: each reads the period's rows of those people once,
    instead of one subquery per person and measure (the leader's home over every team: 7 s at
    1,000 salespeople, see README "Performance"). The pace and the year's pace both count here."""
    span = (start, end)
    day_from, day_to = local_day_bounds(Period("month", start, end))
    result: dict[int, dict[str, Any]] = defaultdict(lambda: dict(NO_ACTUALS))
    grouped = [
        ("a_visits", Visit.objects.live().filter(date__range=span), "salesperson", None),
        (
            "a_new_clients",
            Client.objects.filter(created_at__gte=day_from, created_at__lt=day_to),
            "salesperson",
            None,
        ),
        (
            "a_accounts",
            AccountOpening.objects.filter(date__range=span),
            "client__salesperson",
            None,
        ),
        ("a_deposit", Deposit.objects.filter(date__range=span), "client__salesperson", "amount"),
    ]
    for key, rows, person, amount in grouped:
        totals = (
            rows.filter(**{f"{person}__in": people})
            .order_by()
            .values_list(person)
            .annotate(v=Sum(amount) if amount else Count("pk"))
        )
        for pk, value in totals:
            result[pk][key] = value if value is not None else NO_ACTUALS[key]
    return dict(result)


def _round(value: Decimal, money: bool) -> Decimal:
    return value.quantize(Decimal("0.01") if money else Decimal("0.1"), rounding=ROUND_HALF_UP)


def _ratio(num: Decimal | int, den: Decimal | int) -> Decimal | None:
    if not den:
        return None
    return (Decimal(num) / Decimal(den)).quantize(Decimal("0.0001"))


@dataclass
class Measure:
    key: str
    label: str
    target: Decimal | int
    actual: Decimal | int
    pace: Decimal

    @property
    def money(self) -> bool:
        return self.key == "deposit"

    @property
    def completion(self) -> Decimal | None:
        """actual ÷ target (blank for a target of 0)."""
        return _ratio(self.actual, self.target)

    @property
    def pace_completion(self) -> Decimal | None:
        """actual ÷ pace: ≥ 1 is on pace (blank when nothing is due yet)."""
        return _ratio(self.actual, self.pace)

    @property
    def behind(self) -> bool:
        return Decimal(self.actual) < self.pace

    @property
    def wan(self) -> dict[str, Decimal]:
        """Money in 万元 (ten thousand yuan) with one decimal, for narrow tables."""
        return {
            name: _round(Decimal(getattr(self, name)) / 10000, money=False)
            for name in ("actual", "pace", "target")
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "target": float(self.target),
            "actual": float(self.actual),
            "pace": float(self.pace),
        }


def _measures(targets: dict[str, Any], actuals: dict[str, Any], share: Decimal) -> list[Measure]:
    result = []
    for key, label, target_field, actual_field in MEASURES:
        target = targets[target_field] or 0
        money = key == "deposit"
        result.append(
            Measure(
                key=key,
                label=str(label),
                target=target,
                actual=actuals[actual_field] or (ZERO if money else 0),
                pace=_round(Decimal(target) * share, money),
            )
        )
    return result


@dataclass
class PersonPace:
    person: User
    measures: list[Measure]


@dataclass
class TeamPace:
    team: Team
    people: list[PersonPace] = field(default_factory=list)
    total: list[Measure] = field(default_factory=list)

    @property
    def behind(self) -> int:
        """How many people are behind pace on deposits."""
        return sum(1 for p in self.people if p.measures[3].behind)


@dataclass
class Pace:
    month: Period
    span: Period
    elapsed: int
    working: int
    teams: list[TeamPace]

    @property
    def share(self) -> Decimal:
        return _ratio(self.elapsed, self.working) or ZERO


def pace(
    team_ids: list[int] | None, month: Period, today: dt.date, *, person_id: int | None = None
) -> Pace:
    """Targets, actuals month-to-date and pace for the salespeople with an announced task in the
    given teams (None: every team), or only ``person_id`` among them. Six queries whatever the
    number of people or teams: the people with their targets, the teams, and the four actuals
    grouped by person (``actuals_by_person``)."""
    elapsed, working = elapsed_share(month, today)
    share = Decimal(elapsed) / Decimal(working) if working else ZERO
    span = span_to_date(month, today)
    tasks = _announced_tasks(month)
    if team_ids is not None:
        tasks = tasks.filter(team_id__in=team_ids)
    if person_id is not None:
        tasks = tasks.filter(salesperson_id=person_id)
    task = tasks.filter(salesperson=OuterRef("pk"))
    with_task = Subquery(tasks.values("salesperson"))
    people = (
        User.objects.filter(role=Role.SALESPERSON, pk__in=with_task)
        .annotate(
            task_team=Subquery(task.values("team")[:1]),
            target_visits=Subquery(task.values("target_visits")[:1]),
            target_new_clients=Subquery(task.values("target_new_clients")[:1]),
            target_accounts=Subquery(task.values("target_accounts")[:1]),
            target_deposit_amount=Subquery(
                task.values("target_deposit_amount")[:1], output_field=MONEY
            ),
        )
        .order_by("full_name", "username")
    )
    actuals = actuals_by_person(with_task, span.start, span.end)
    teams = Team.objects.select_related("manager").order_by("name")
    if team_ids is not None:
        teams = teams.filter(pk__in=team_ids)
    by_team: dict[int, TeamPace] = {t.pk: TeamPace(team=t) for t in teams}
    for p in people:
        mine = actuals.get(p.pk, NO_ACTUALS)
        by_team[p.task_team].people.append(PersonPace(p, _measures(p.__dict__, mine, share)))
    for team_pace in by_team.values():
        team_pace.total = _sum_measures(team_pace.people)
    return Pace(month, span, elapsed, working, list(by_team.values()))


def _sum_measures(people: list[PersonPace]) -> list[Measure]:
    totals = []
    for i, (key, label, _t, _a) in enumerate(MEASURES):
        money = key == "deposit"
        zero: Decimal | int = ZERO if money else 0
        totals.append(
            Measure(
                key=key,
                label=str(label),
                target=sum((p.measures[i].target for p in people), zero),
                actual=sum((p.measures[i].actual for p in people), zero),
                pace=sum((p.measures[i].pace for p in people), ZERO),
            )
        )
    return totals


def person_pace(user: User, month: Period, today: dt.date) -> PersonPace | None:
    """A salesperson's own four targets against actuals and pace (None without an announced task)."""
    if user.team_id is None:
        return None
    # only their own row: the home page's cost does not grow with the team
    for p in pace([user.team_id], month, today, person_id=user.pk).teams[0].people:
        if p.person.pk == user.pk:
            return p
    return None


# --- charts --------------------------------------------------------------------------------------


def trend(team_ids: list[int] | None, today: dt.date, weeks: int = TREND_WEEKS) -> list[dict]:
    """The last ``weeks`` ISO weeks through this one (to date): visits, new clients and deposit
    amount per week for the teams' salespeople, by the rules above. The closed weeks come from
    the cache while no write of these teams moved the data version (reports.freshness); this
    week is counted afresh: three queries each."""
    last = week_start(today)
    first = last - dt.timedelta(weeks=weeks - 1)
    closed = freshness.remember(
        f"trend:{first}:{last - dt.timedelta(days=1)}",
        team_ids,
        lambda: _weekly(team_ids, first, last - dt.timedelta(days=1)),
    )
    rows = {**closed, **_weekly(team_ids, last, today)}
    result = []
    for start, row in rows.items():
        year, week, _d = start.isocalendar()
        result.append({"week": f"{year}-W{week:02d}", "start": start, **row})
    return result


def _weekly(team_ids: list[int] | None, first: dt.date, end: dt.date) -> dict[dt.date, dict]:
    """Visits, new clients and deposit amount per ISO week from ``first`` (a Monday) to ``end``."""
    rows: dict[dt.date, dict[str, Any]] = {}
    day = first
    while day <= end:
        rows[day] = {"visits": 0, "new_clients": 0, "deposit": ZERO}
        day += dt.timedelta(weeks=1)
    if end < first:
        return rows
    span = (first, end)
    day_from, day_to = local_day_bounds(Period("week", first, end))
    visits = Visit.objects.live().filter(date__range=span)
    clients = Client.objects.filter(created_at__gte=day_from, created_at__lt=day_to)
    deposits = Deposit.objects.filter(date__range=span)
    if team_ids is not None:
        # the teams' salespeople as a subquery: each person's rows come by the (salesperson, date)
        # indexes rather than every team's rows of the weeks joined and filtered
        people = User.objects.filter(team_id__in=team_ids).values("pk")
        visits = visits.filter(salesperson__in=people)
        clients = clients.filter(salesperson__in=people)
        deposits = deposits.filter(client__salesperson__in=people)
    for day, n in visits.order_by().values("date").annotate(n=Count("pk")).values_list("date", "n"):
        rows[week_start(day)]["visits"] += n
    tz = timezone.get_current_timezone()
    for day, n in (
        clients.annotate(day=TruncDate("created_at", tzinfo=tz))
        .order_by()
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    ):
        rows[week_start(day)]["new_clients"] += n
    for day, s in (
        deposits.order_by().values("date").annotate(s=Sum("amount")).values_list("date", "s")
    ):
        rows[week_start(day)]["deposit"] += s or ZERO
    return rows


def funnel(team_ids: list[int] | None) -> list[dict]:
    """The teams' live clients per pipeline state, every state listed in pipeline order (the shape
    of ``visits.queries.status_counts``, for a chosen team rather than the user's scope)."""
    clients = Client.objects.live()
    if team_ids is not None:
        clients = clients.filter(team_id__in=team_ids)
    counts = dict(clients.order_by().values_list("status").annotate(n=Count("pk")))
    return [
        {"code": code, "label": str(label), "count": counts.get(code, 0)}
        for code, label in ClientStatus.choices
    ]


def trend_json(rows: list[dict]) -> dict[str, Any]:
    return {
        "weeks": [r["week"] for r in rows],
        "series": [
            {"key": "visits", "name": _("拜访"), "data": [r["visits"] for r in rows]},
            {"key": "new_clients", "name": _("新客户"), "data": [r["new_clients"] for r in rows]},
            {
                "key": "deposit",
                "name": _("入金（元）"),
                "data": [float(r["deposit"]) for r in rows],
            },
        ],
    }


def pace_json(measures: list[Measure]) -> dict[str, Any]:
    return {
        "labels": {"actual": _("实际"), "pace": _("应完成进度"), "target": _("目标")},
        "measures": [m.as_json() for m in measures],
    }


def funnel_json(rows: list[dict]) -> dict[str, Any]:
    return {"states": [{"name": r["label"], "value": r["count"]} for r in rows]}


# --- the annual plan and the year's pace ------------------------------------------------------------


@dataclass
class YearMeasure:
    key: str
    label: str
    year_target: Decimal | int
    allocated: Decimal | int
    allocated_to_date: Decimal
    actual: Decimal | int

    @property
    def unallocated(self) -> Decimal | int:
        return self.year_target - self.allocated

    @property
    def completion(self) -> Decimal | None:
        return _ratio(self.actual, self.allocated_to_date)

    @property
    def year_completion(self) -> Decimal | None:
        return _ratio(self.actual, self.year_target)


@dataclass
class YearPace:
    plan: AnnualPlan | None
    year: int
    span: Period
    measures: list[YearMeasure]


def year_pace(team_id: int, year: int, today: dt.date) -> YearPace:
    """The team's year to date against its annual plan (rules in the module docstring)."""
    plan = AnnualPlan.objects.filter(team_id=team_id, year=year).prefetch_related("months").first()
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    span = Period("year", first, min(last, today))
    months = {m.month: m for m in plan.months.all()} if plan else {}
    actuals: dict[str, Any] = defaultdict(int)
    if today >= first:
        team = User.objects.filter(role=Role.SALESPERSON, team_id=team_id).values("pk")
        for person in actuals_by_person(team, span.start, span.end).values():
            for k, v in person.items():
                actuals[k] += v or 0
    measures = []
    for key, label, target_field, actual_field in MEASURES:
        money = key == "deposit"
        to_date = ZERO
        for number, row in months.items():
            month = Period.month_of(dt.date(year, number, 1))
            elapsed, working = elapsed_share(month, today)
            share = Decimal(elapsed) / Decimal(working) if working else ZERO
            to_date += Decimal(getattr(row, target_field)) * share
        zero: Decimal | int = ZERO if money else 0
        measures.append(
            YearMeasure(
                key=key,
                label=str(label),
                year_target=getattr(plan, target_field) if plan else zero,
                allocated=sum((getattr(m, target_field) for m in months.values()), zero),
                allocated_to_date=_round(to_date, money),
                actual=actuals[actual_field] or zero,
            )
        )
    return YearPace(plan, year, span, measures)


def annual_plan_rows(plan: AnnualPlan | None) -> list[dict[str, Any]]:
    """The twelve months of a plan (zeros where none is written yet)."""
    months = {m.month: m for m in plan.months.all()} if plan else {}
    rows = []
    for number in range(1, 13):
        row = months.get(number)
        rows.append(
            {
                "month": number,
                **{
                    target_field: getattr(row, target_field) if row else 0
                    for _k, _l, target_field, _a in MEASURES
                },
            }
        )
    return rows


# --- home pages ------------------------------------------------------------------------------------


def home_context(user: User) -> dict[str, Any]:
    today = clock.today()
    month = Period.month_of(today)
    if user.role == Role.SALESPERSON:
        mine = person_pace(user, month, today)
        elapsed, working = elapsed_share(month, today)
        return {
            "my_pace": mine,
            "my_pace_chart": pace_json(mine.measures) if mine else None,
            "pace_month": month,
            "pace_elapsed": elapsed,
            "pace_working": working,
        }
    if user.role in (Role.MANAGER, Role.LEADER):
        team_ids = visible_team_ids(user)
        if team_ids == []:
            return {}
        result = pace(team_ids, month, today)
        rows = trend(team_ids, today)
        return {
            "pace": result,
            "pace_charts": [(t, pace_json(t.total)) for t in result.teams],
            "pace_trend": trend_json(rows),
            "pace_trend_rows": rows,
        }
    return {}
