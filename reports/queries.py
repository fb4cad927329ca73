"""The reports' queries: every number aggregated in the database, in a fixed number of queries.

Each query takes (scope, period) and returns one dict per row, keyed by the report's column keys.
Definitions of the numbers follow docs/design.md §Number definitions:
- a visit, deposit, account opening or decided close counts in the period of its local date;
- win rate = won / (won + lost) of closing attempts decided in the period;
- completion % = actual / target of the announced task (blank when there is no announced task);
  a totals row recomputes it from the same rows on both sides (reports/render.py ``totals``);
- a period that has not ended is counted **to date** (docs/design.md §Running and closed periods):
  every count of reports 3–6 runs from the period's first day through today (``counted_end``), and
  its header says 截至 today; a closed period counts its whole span;
- working days = the mainland China calendar (workcalendar: Monday–Friday, minus statutory holidays,
  plus 调休 working weekends) over the counted span;
- planned work = items of **submitted or approved** weekly plans (drafts and returned plans do not count);
- overdue revisits = ``Client.objects.overdue`` taken at the end of the counted span (docs/design.md
  §Overdue): a deadline on a closed period's last day counts; a deadline of today does not yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.scope_spec import ScopeSpec
from accounts.scoping import visible_salespeople, visible_to
from plans.models import (
    CommitmentLetter,
    Horizon,
    LetterStatus,
    MonthlySalesPlan,
    PlanStatus,
    SalesTask,
    VisitPlan,
    VisitPlanItem,
    WorkLog,
)
from salesops import services as clock
from salesops.periods import Period
from salesops.periods import working_days as count_working_days
from suitability import queries as suitability_queries
from suitability.models import ToleranceLevel, Verdict
from training.models import Attendance
from visits.asof import clients_then
from visits.masking import phone_in_file
from visits.models import (
    AccountOpening,
    Client,
    ClientStatus,
    ClosingAttempt,
    ClosingOutcome,
    Deposit,
    InvestmentPlan,
    Visit,
    VisitKind,
    VisitPurpose,
)

from .rows import RowSet

ZERO = Decimal("0")
# where a client's team, owner and pool were (visits.asof ``<field>_then``)
THEN_SCOPE = ScopeSpec(team="team_id_then", owner="salesperson_id_then", pool="in_pool_since_then")
MONEY = DecimalField(max_digits=16, decimal_places=2)


@dataclass(frozen=True)
class ReportScope:
    """Who asks, and the optional team / salesperson filters; always within what the user may see."""

    user: User
    team_id: int | None = None
    salesperson_id: int | None = None
    # client phone numbers masked whoever asks: a report page (a screen), a submission frozen
    # for the office (visits.masking)
    masked_phones: bool = False

    def salespeople(self) -> QuerySet[User]:
        people = visible_salespeople(self.user)
        if self.team_id:
            people = people.filter(team_id=self.team_id)
        if self.salesperson_id:
            people = people.filter(pk=self.salesperson_id)
        return people.order_by("team__name", "full_name", "username")

    def narrow(
        self, qs: QuerySet, team: str, person: str, spec: ScopeSpec | None = None
    ) -> QuerySet:
        qs = visible_to(self.user, qs, spec)
        if self.team_id:
            qs = qs.filter(**{team: self.team_id})
        if self.salesperson_id:
            qs = qs.filter(**{person: self.salesperson_id})
        return qs

    def narrow_then(self, clients: QuerySet[Client]) -> QuerySet[Client]:
        """Clients annotated by visits.asof, narrowed by the team and owner they had then."""
        return self.narrow(clients, "team_id_then", "salesperson_id_then", THEN_SCOPE)


def _count(qs: QuerySet, person: str) -> Coalesce:
    sub = (
        qs.filter(**{person: OuterRef("pk")})
        .order_by()
        .values(person)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def _sum(qs: QuerySet, person: str, field: str) -> Coalesce:
    sub = (
        qs.filter(**{person: OuterRef("pk")})
        .order_by()
        .values(person)
        .annotate(s=Sum(field))
        .values("s")
    )
    return Coalesce(Subquery(sub, output_field=MONEY), Value(ZERO), output_field=MONEY)


def ratio(num, den) -> Decimal | None:
    """num / den as a fraction (0.25 = 25 %), blank when there is nothing to divide by."""
    if not den:
        return None
    return (Decimal(num) / Decimal(den)).quantize(Decimal("0.0001"))


def _announced_tasks(month: Period) -> QuerySet[SalesTask]:
    announced = MonthlySalesPlan.objects.filter(
        team=OuterRef("team"), month=month.start, announced_at__isnull=False
    )
    return SalesTask.objects.filter(month=month.start).filter(Exists(announced))


# --- 1 周工作方案表 ------------------------------------------------------------------------------


def weekly_plan(scope: ReportScope, period: Period) -> list[dict[str, Any]]:
    """Report 1: every item (not archived) of a weekly plan dated in the week, with its plan's status;
    完成情况 is 已完成 with the visit's date when a visit fulfilled it, else 未完成."""
    items = (
        scope.narrow(VisitPlanItem.objects.live(), "plan__team_id", "plan__owner_id")
        .filter(plan__horizon=Horizon.WEEK, date__range=(period.start, period.end))
        .select_related("plan__owner", "client", "visit")
        .order_by("plan__owner__full_name", "date", "pk")
    )
    statuses = dict(PlanStatus.choices)
    purposes = dict(VisitPurpose.choices)
    key, not_done = _("重点"), _("未完成")
    return [
        {
            "salesperson": i.plan.owner.display_name,
            "plan_status": str(statuses[i.plan.status]),
            "date": i.date,
            "client": i.client.name if i.client_id else i.prospect_name,
            "purpose": str(purposes.get(i.purpose, i.purpose)),
            "key": key if i.is_key else "",
            "done": _("已完成 %(date)s") % {"date": f"{i.visit.date:%m-%d}"}
            if i.visit_id
            else not_done,
            "note": i.note,
        }
        for i in items
    ]


# --- 2 月工作方案表 ------------------------------------------------------------------------------


def monthly_plan(scope: ReportScope, period: Period) -> list[dict[str, Any]]:
    """Report 2: per salesperson, the month plan's status, the month's task targets (whether or not
    announced — 任务宣布 says which), the commitment letter's status and the key clients (重点) of
    their plan items dated in the month."""
    month_plan = VisitPlan.objects.filter(
        owner=OuterRef("pk"), horizon=Horizon.MONTH, period_start=period.start
    )
    task = SalesTask.objects.filter(salesperson=OuterRef("pk"), month=period.start)
    letter = CommitmentLetter.objects.filter(
        task__salesperson=OuterRef("pk"), task__month=period.start
    )
    people = list(
        scope.salespeople().annotate(
            plan_status=Subquery(month_plan.values("status")[:1]),
            t_visits=Subquery(task.values("target_visits")[:1]),
            t_new=Subquery(task.values("target_new_clients")[:1]),
            t_accounts=Subquery(task.values("target_accounts")[:1]),
            t_deposit=Subquery(task.values("target_deposit_amount")[:1], output_field=MONEY),
            letter_status=Subquery(letter.values("status")[:1]),
        )
    )
    announced = set(
        MonthlySalesPlan.objects.filter(month=period.start, announced_at__isnull=False).values_list(
            "team_id", flat=True
        )
    )
    keys: dict[int, list[str]] = {}
    key_items = (
        VisitPlanItem.objects.live()
        .filter(
            plan__owner__in=[p.pk for p in people],
            is_key=True,
            # day plans are the salesperson's own list, not planned work (docs/design.md §Day plans)
            plan__horizon__in=[Horizon.WEEK, Horizon.MONTH],
            date__range=(period.start, period.end),
        )
        .order_by("date")
    )
    for owner_id, client_name, prospect in key_items.values_list(
        "plan__owner_id", "client__name", "prospect_name"
    ):
        names = keys.setdefault(owner_id, [])
        if (client_name or prospect) not in names:
            names.append(client_name or prospect)
    plan_labels, letter_labels = dict(PlanStatus.choices), dict(LetterStatus.choices)
    not_made, yes, no = _("未制定"), _("已宣布"), _("未宣布")
    return [
        {
            "salesperson": p.display_name,
            "team": p.team.name,  # type: ignore[union-attr]
            "plan_status": str(plan_labels[p.plan_status]) if p.plan_status else not_made,
            "target_visits": p.t_visits,
            "target_new_clients": p.t_new,
            "target_accounts": p.t_accounts,
            "target_deposit": p.t_deposit,
            "letter_status": str(letter_labels[p.letter_status]) if p.letter_status else "—",
            "announced": yes if p.team_id in announced else no,
            "key_clients": "、".join(keys.get(p.pk, [])),
        }
        for p in people
    ]


# --- 3 / 4 销售情况统计表 ------------------------------------------------------------------------


def counted_span(period: Period) -> tuple[dt.date, dt.date]:
    """The days a statistics report counts: the whole period once it is over, to date while it runs."""
    return period.start, period.counted_end(clock.today())


def _sales_people(scope: ReportScope, period: Period) -> QuerySet[Any]:
    """Reports 3 and 4, over the counted span: 促单次数 = closing attempts started in it; 促单成功 /
    促单失败 = attempts decided won / lost in it (so a close started last week and won this week counts
    here); 成功率 = won / (won + lost), blank when nothing was decided; 开户数 = account openings
    dated in it; 入金笔数 / 入金金额 = deposits dated in it, credited to the client's salesperson."""
    span = counted_span(period)
    decided = ClosingAttempt.objects.filter(decided_on__range=span)
    return scope.salespeople().annotate(
        attempts=_count(ClosingAttempt.objects.filter(started_on__range=span), "salesperson"),
        won=_count(decided.filter(outcome=ClosingOutcome.WON), "salesperson"),
        lost=_count(decided.filter(outcome=ClosingOutcome.LOST), "salesperson"),
        accounts=_count(AccountOpening.objects.filter(date__range=span), "client__salesperson"),
        deposit_count=_count(Deposit.objects.filter(date__range=span), "client__salesperson"),
        deposit_amount=_sum(
            Deposit.objects.filter(date__range=span), "client__salesperson", "amount"
        ),
    )


def _sales_row(p: Any) -> dict[str, Any]:
    return {
        "salesperson": p.display_name,
        "team": p.team.name,
        "attempts": p.attempts,
        "won": p.won,
        "lost": p.lost,
        "win_rate": ratio(p.won, p.won + p.lost),
        "accounts": p.accounts,
        "deposit_count": p.deposit_count,
        "deposit_amount": p.deposit_amount,
    }


def weekly_sales(scope: ReportScope, period: Period) -> list[dict[str, Any]]:
    """Report 3. Month to date = the month containing the week's last day, from its 1st to the end
    of the week's counted span (a week spanning two months is measured against the later one);
    月入金目标 = the deposit target of the announced task of that month; 月完成率 = month-to-date
    deposits / that target, blank when there is no announced task or its target is 0."""
    month = Period.month_of(period.end)
    mtd = Deposit.objects.filter(date__range=(month.start, counted_span(period)[1]))
    task = _announced_tasks(month).filter(salesperson=OuterRef("pk"))
    people = _sales_people(scope, period).annotate(
        mtd_deposit=_sum(mtd, "client__salesperson", "amount"),
        target_deposit=Subquery(task.values("target_deposit_amount")[:1], output_field=MONEY),
    )
    rows = []
    for p in people:
        row = _sales_row(p)
        row.update(
            mtd_deposit=p.mtd_deposit,
            target_deposit=p.target_deposit,
            completion=ratio(p.mtd_deposit, p.target_deposit)
            if p.target_deposit is not None
            else None,
        )
        rows.append(row)
    return rows


def monthly_sales(scope: ReportScope, period: Period) -> list[dict[str, Any]]:
    """Report 4: as report 3 for the month; 完成率 = the month's deposits / the announced task's
    deposit target (blank without an announced task or with a target of 0)."""
    task = _announced_tasks(period).filter(salesperson=OuterRef("pk"))
    people = _sales_people(scope, period).annotate(
        target_accounts=Subquery(task.values("target_accounts")[:1]),
        target_deposit=Subquery(task.values("target_deposit_amount")[:1], output_field=MONEY),
    )
    rows = []
    for p in people:
        row = _sales_row(p)
        row.update(
            target_accounts=p.target_accounts,
            target_deposit=p.target_deposit,
            completion=ratio(p.deposit_amount, p.target_deposit)
            if p.target_deposit is not None
            else None,
        )
        rows.append(row)
    return rows


# --- 5 / 6 营销人员工作统计表 --------------------------------------------------------------------


def work_stats(scope: ReportScope, period: Period) -> list[dict[str, Any]]:
    """Reports 5 and 6, one row per salesperson in scope. Exact rules:

    Every count runs over the counted span: the whole period once it is over, from its first day
    through today while it runs (``counted_span``).

    - 拜访次数 / 上门拜访 / 邀约来司: the salesperson's visits (not archived) dated in the span;
    - 初访: those with purpose first; 回访: purpose plan_revisit or after_failure;
    - 新增客户: clients of the salesperson registered (created_at, local time) in the span;
    - 上报经理: clients whose reported_on date is in the span;
    - 计划拜访 / 已完成: items (not archived) dated in the span of the salesperson's weekly plans
      that are submitted or approved (drafts and returned plans are not planned work yet);
      done = a visit is linked; 执行率 = done / planned (blank if none);
    - 日志篇数: work logs dated in the span; 工作日: working days of the mainland China calendar in
      the span (workcalendar; a year not loaded counts Monday–Friday and the report warns);
    - 逾期未回访: ``Client.objects.overdue`` (the one rule, docs/design.md §Overdue) taken at the end
      of the span: for a closed period the clients (not archived) the salesperson owned at the end
      of its last day, in 方案已制定 or 促单失败 then, with a 限期二次回访 on or before that day — all
      three as they were then (visits.asof); while the period runs, the clients owned now whose
      deadline is before today (a deadline of today is not overdue yet);
    - 培训学时 (report 6 only): the hours of the training sessions dated in the counted span that
      the salesperson attended (attendance recorded as present).
    """
    today = clock.today()
    span = counted_span(period)
    day_from, day_to = local_day_bounds(Period(period.kind, *span))
    visits = Visit.objects.live().filter(date__range=span)
    items = VisitPlanItem.objects.live().filter(
        plan__horizon=Horizon.WEEK,
        plan__status__in=[PlanStatus.SUBMITTED, PlanStatus.APPROVED],
        date__range=span,
    )
    working_days = count_working_days(*span)
    # the one overdue rule, taken at the end of the counted span (visits.models.ClientQuerySet):
    # a closed period as of its last day's end, by whoever owned the client then
    overdue = Client.objects.live().overdue(today=today, through=span[1])
    people = scope.salespeople().annotate(
        visits_n=_count(visits, "salesperson"),
        onsite=_count(visits.filter(kind=VisitKind.ONSITE), "salesperson"),
        invited=_count(visits.filter(kind=VisitKind.INVITED), "salesperson"),
        first_visits=_count(visits.filter(purpose=VisitPurpose.FIRST), "salesperson"),
        revisits=_count(
            visits.filter(purpose__in=[VisitPurpose.PLAN_REVISIT, VisitPurpose.AFTER_FAILURE]),
            "salesperson",
        ),
        new_clients=_count(
            Client.objects.filter(created_at__gte=day_from, created_at__lt=day_to), "salesperson"
        ),
        reported=_count(Client.objects.filter(reported_on__range=span), "salesperson"),
        items_planned=_count(items, "plan__owner"),
        items_done=_count(items.filter(visit__isnull=False), "plan__owner"),
        logs=_count(WorkLog.objects.filter(date__range=span), "salesperson"),
        overdue=_count(overdue, "salesperson_id_then"),
        # 培训学时 (report 6): hours of the training sessions attended, dated in the period
        training_hours=_sum(
            Attendance.objects.filter(attended=True, session__date__range=span),
            "person",
            "session__hours",
        ),
    )
    return [
        {
            "salesperson": p.display_name,
            "team": p.team.name,  # type: ignore[union-attr]
            "visits": p.visits_n,
            "onsite": p.onsite,
            "invited": p.invited,
            "first_visits": p.first_visits,
            "revisits": p.revisits,
            "new_clients": p.new_clients,
            "reported": p.reported,
            "items_planned": p.items_planned,
            "items_done": p.items_done,
            "execution": ratio(p.items_done, p.items_planned),
            "logs": p.logs,
            "working_days": working_days,
            "overdue": p.overdue,
            "training_hours": p.training_hours,
        }
        for p in people
    ]


# --- 7 目标客户基本信息情况统计表 ----------------------------------------------------------------

TARGET_CLIENT_SORT = {
    "name": "name",
    "phone": "phone",
    "salesperson": "sp",
    "analyst": "an",
    "source": "source_then",
    "experience": "investment_experience_then",
    "needs": "investment_needs_then",
    "risk": "risk_preference_then",
    "assessment_level": "assessed_level",
    "assessment_valid": "assessed_until",
    "suitability": "plan_verdict",
    "funds": "intended_funds_then",
    "status": "status_then",
    "first_visit": "first_visit",
    "last_visit": "last_visit",
    "visit_count": "visit_count",
    "revisit_due": "revisit_due_then",
    "plan": "plan_risk",
    "opened_on": "opened_on",
    "deposits": "deposits_total",
    "remarks": "remarks_then",
}


def local_day_bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """[first local midnight, midnight after the last day): an index-friendly range for datetimes."""
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(period.start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def target_clients(scope: ReportScope, period: Period) -> RowSet:
    """One row per client active in the month: a visit dated in it, or registered (local time) in it.

    联系电话 is in full only for a viewer with standing on that client and a scope not masked
    (visits.masking: owner, the team's manager and analyst; never the office or the leader, never
    a report page or a submission); otherwise 138****5678.
    Every column is as of the month's end for a closed month, and as of now for the running one
    (docs/design.md §Numbers as of a moment): first / last visit and visit count cover the
    client's visits up to the month's end; 开户日期 is the opening date if on or before it; 入金合计
    sums deposits dated up to it; 投资方案 is 已制定（risk level of the newest plan made by then）,
    待审批（its risk level） while that plan waited for the manager's suitability decision then, or
    未制定; 状态, 限期回访, 意向资金, the other typed fields, the salesperson and the analyst are read
    from the transition log and the client's history at the month's end (visits.asof), both dated
    when each action happened — one recorded late with an earlier day (the services' ``on=`` /
    ``date=``) counts on that day. A client is in the report of whoever owned it then (the scope
    narrows by the team and owner it had then); name and phone are current. Archived clients and
    visits are left out.
    """
    start, stop = local_day_bounds(period)
    closed = period.end < clock.today()
    live_visits = Visit.objects.live().filter(client=OuterRef("pk"))
    upto = live_visits.filter(date__lte=period.end).order_by().values("client")
    plan = InvestmentPlan.objects.filter(client=OuterRef("pk"), created_at__lt=stop).order_by(
        "-created_at", "-pk"
    )
    opened = AccountOpening.objects.filter(client=OuterRef("pk"), date__lte=period.end)
    assessed = suitability_queries.newest_assessment(before=stop)
    deposits = (
        Deposit.objects.filter(client=OuterRef("pk"), date__lte=period.end)
        .order_by()
        .values("client")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    # the month's visits, read by date (index visit_date_client), not an EXISTS tried on every
    # client of all history (README "Performance")
    visited = (
        Visit.objects.live().filter(date__range=(period.start, period.end)).values("client_id")
    )
    active = Client.objects.live().filter(
        Q(pk__in=visited) | Q(created_at__gte=start, created_at__lt=stop)
    )
    # as of the month's end for a closed month (visits.asof), as now for the running one; the
    # client is in the report of whoever owned it then
    chosen_clients = scope.narrow_then(clients_then(active, day=period.end if closed else None))
    people = User.objects.filter(pk=OuterRef("salesperson_id_then"))
    analysts = User.objects.filter(pk=OuterRef("analyst_id_then"))
    annotated = chosen_clients.annotate(
        first_visit=Subquery(upto.annotate(d=Min("date")).values("d")),
        last_visit=Subquery(upto.annotate(d=Max("date")).values("d")),
        visit_count=Coalesce(
            Subquery(upto.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            Value(0),
        ),
        plan_risk=Subquery(plan.values("risk_level")[:1]),
        # suitability: the newest assessment made by the month's end, the newest plan's verdict
        assessed_level=Subquery(assessed.values("level")[:1]),
        assessed_until=Subquery(assessed.values("valid_until")[:1]),
        plan_verdict=Subquery(plan.values("suitability__verdict")[:1]),
        plan_decided_at=Subquery(plan.values("suitability__decided_at")[:1]),
        opened_on=Subquery(opened.values("date")[:1]),
        deposits_total=Coalesce(
            Subquery(deposits, output_field=MONEY), Value(ZERO), output_field=MONEY
        ),
        sp=Subquery(people.values("full_name")[:1]),
        sp_user=Subquery(people.values("username")[:1]),
        an=Subquery(analysts.values("full_name")[:1]),
        an_user=Subquery(analysts.values("username")[:1]),
    )
    qs = annotated.values(
        "pk",
        "name",
        "phone",
        "source_then",
        "investment_experience_then",
        "investment_needs_then",
        "risk_preference_then",
        "intended_funds_then",
        "status_then",
        "revisit_due_then",
        "remarks_then",
        "first_visit",
        "last_visit",
        "visit_count",
        "plan_risk",
        "assessed_level",
        "assessed_until",
        "plan_verdict",
        "plan_decided_at",
        "opened_on",
        "deposits_total",
        "sp",
        "sp_user",
        "an",
        "an_user",
        "team_id",
        "salesperson_id",
        "analyst_id",
    ).order_by("sp", "name", "pk")
    sources = dict(Client._meta.get_field("source").choices)
    risks = dict(Client._meta.get_field("risk_preference").choices)
    statuses = dict(ClientStatus.choices)
    made, waiting, not_made = _("已制定（%(risk)s）"), _("待审批（%(risk)s）"), _("未制定")
    levels, not_assessed = dict(ToleranceLevel.choices), _("未评估")

    def verdict_then(verdict: str | None, decided_at: dt.datetime | None) -> str | None:
        # a plan decided after the month's end was still waiting for the manager then
        if decided_at is not None and decided_at >= stop:
            return Verdict.PENDING
        return verdict

    def plan_cell(risk: str | None, verdict: str | None) -> str:
        # a plan the client insisted on is not made until the manager approves it (suitability/)
        if not risk:
            return not_made
        return (waiting if verdict == Verdict.PENDING else made) % {"risk": risk}

    viewer = scope.user

    def convert(c: dict[str, Any]) -> dict[str, Any]:
        verdict = verdict_then(c["plan_verdict"], c["plan_decided_at"])
        return {
            "name": c["name"],
            "phone": phone_in_file(
                viewer,
                c["phone"],
                team_id=c["team_id"],
                salesperson_id=c["salesperson_id"],
                analyst_id=c["analyst_id"],
                masked=scope.masked_phones,
            ),
            "salesperson": c["sp"] or c["sp_user"],
            "analyst": c["an"] or c["an_user"] or "",
            "source": str(sources.get(c["source_then"], "")),
            "experience": c["investment_experience_then"],
            "needs": c["investment_needs_then"],
            "risk": str(risks.get(c["risk_preference_then"], "")),
            "assessment_level": str(levels.get(c["assessed_level"], not_assessed)),
            "assessment_valid": c["assessed_until"],
            "suitability": suitability_queries.verdict_label(verdict, bool(c["plan_risk"])),
            "funds": c["intended_funds_then"],
            "status": str(statuses.get(c["status_then"], c["status_then"])),
            "first_visit": c["first_visit"],
            "last_visit": c["last_visit"],
            "visit_count": c["visit_count"],
            "revisit_due": c["revisit_due_then"],
            "plan": plan_cell(c["plan_risk"], verdict),
            "opened_on": c["opened_on"],
            "deposits": c["deposits_total"],
            "remarks": c["remarks_then"],
        }

    def totals() -> dict[str, Any]:
        # plain aggregates over the same clients: aggregate() over the annotated queryset would let
        # Django drop the Subquery annotations (SUM over a missing column reads 0 on SQLite)
        chosen = Subquery(chosen_clients.values("pk"))
        return {
            "funds": chosen_clients.aggregate(s=Sum("intended_funds_then"))["s"],
            "visit_count": Visit.objects.live()
            .filter(client__in=chosen, date__lte=period.end)
            .count(),
            "deposits": Deposit.objects.filter(client__in=chosen, date__lte=period.end).aggregate(
                s=Coalesce(Sum("amount"), Value(ZERO), output_field=MONEY)
            )["s"],
        }

    return RowSet(qs, convert, sort=TARGET_CLIENT_SORT, totals=totals)
