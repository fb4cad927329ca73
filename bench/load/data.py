"""The synthetic department the benchmarks and the load harness run on, at any SCALE.

SCALE 1 = 10 teams (each with its manager), 100 salespeople, 20,000 clients, 200,000 visits, a year
of approved weekly plans and work logs, this month's tasks each with its approved commitment letter,
the teams' announced monthly plans, closes, openings and deposits consistent with each client's
status. SCALE 10 = 100 teams, 1,000 salespeople, 200,000 clients, 2,000,000 visits. Written with
bulk_create (no services: it is data, not a journey); every row satisfies the app's rules — unique
valid mobile numbers among live clients (with their E.164 key), every task with its letter.

For the load harness's writes each salesperson also has DRAFT_PLANS future weekly plans in draft
(with items, ready to submit) and SUBMITTED_PLANS submitted ones waiting for the manager.

Every user's password is PASSWORD; usernames: load-office, load-leader, load-m<team> (managers),
load-a<team> (analysts), load-s<n> (salespeople).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

PASSWORD = "Load-Test-2026"
DRAFT_PLANS = 8
SUBMITTED_PLANS = 4
CLIENT_STATES = [
    "prospect",
    "visited",
    "needs_analyzed",
    "reported",
    "plan_ready",
    "revisited",
    "closing",
    "account_opened",
    "funded",
    "failed",
]


@dataclass
class Department:
    teams: int
    salespeople: int
    clients: int
    visits: int


def size(scale: float, clients: int | None = None, visits: int | None = None) -> Department:
    teams = max(1, round(10 * scale))
    return Department(
        teams=teams,
        salespeople=max(teams, round(100 * scale)),
        clients=clients if clients is not None else round(20000 * scale),
        visits=visits if visits is not None else round(200000 * scale),
    )


def phone(i: int) -> str:
    """The i-th client's mobile: 11 digits, valid (13x/15x/18x prefixes), unique for i < 6e8."""
    prefixes = ["138", "139", "137", "136", "135", "158", "159", "186", "187", "188"]
    return f"{prefixes[i // 10**8 % len(prefixes)]}{i % 10**8:08d}"


def build_department(
    scale: float = 1, *, clients: int | None = None, visits: int | None = None, weeks: int = 52
) -> Department:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import Role, Team, User
    from plans.models import (
        CommitmentLetter,
        MonthlySalesPlan,
        SalesTask,
        VisitPlan,
        VisitPlanItem,
        WorkLog,
    )
    from visits.models import AccountOpening, Client, ClosingAttempt, Deposit, Visit
    from visits.services import visit_summary_refresh

    dept = size(scale, clients, visits)
    rng = random.Random(1)
    now = timezone.now()
    today = timezone.localdate()
    password = make_password(PASSWORD)
    teams = Team.objects.bulk_create([Team(name=f"营销{i + 1}部") for i in range(dept.teams)])
    managers = User.objects.bulk_create(
        [
            User(
                username=f"load-m{i}",
                full_name=f"经理{i}",
                role=Role.MANAGER,
                team=t,
                password=password,
            )
            for i, t in enumerate(teams)
        ]
    )
    for t, m in zip(teams, managers, strict=True):
        t.manager = m
    Team.objects.bulk_update(teams, ["manager"])
    manager_of = {t.pk: m for t, m in zip(teams, managers, strict=True)}
    User.objects.create(
        username="load-office", full_name="办公室", role=Role.OFFICE, password=password
    )
    User.objects.create(
        username="load-leader", full_name="主管领导", role=Role.LEADER, password=password
    )
    # one analyst serving each team: the warm-page figures cover every role's home
    User.objects.bulk_create(
        [
            User(
                username=f"load-a{i}",
                full_name=f"分析师{i}",
                role=Role.ANALYST,
                team=t,
                password=password,
            )
            for i, t in enumerate(teams)
        ]
    )
    people = User.objects.bulk_create(
        [
            User(
                username=f"load-s{i}",
                full_name=f"营销员{i}",
                role=Role.SALESPERSON,
                team=teams[i % dept.teams],
                password=password,
            )
            for i in range(dept.salespeople)
        ],
        batch_size=2000,
    )
    n_people = len(people)
    batch: list = []
    for i in range(dept.clients):
        p = people[i % n_people]
        number = phone(i)
        batch.append(
            Client(
                name=f"客户{i}",
                phone=number,
                phone_normalized=f"+86{number}",
                team_id=p.team_id,
                salesperson=p,
                status=CLIENT_STATES[rng.randrange(len(CLIENT_STATES))],
                investment_needs="稳健增值",
                remarks="=1+1" if i % 97 == 0 else "",
            )
        )
        if len(batch) == 5000:
            Client.objects.bulk_create(batch)
            batch = []
    Client.objects.bulk_create(batch)
    rows = list(Client.objects.values_list("pk", "salesperson_id", "team_id", "status"))
    start = today - dt.timedelta(days=365)
    batch = []
    kinds = ["onsite", "invited"]
    purposes = ["first", "needs", "plan_revisit", "service"]
    for i in range(dept.visits):
        pk, sp, team, _ = rows[i % len(rows)]
        batch.append(
            Visit(
                client_id=pk,
                salesperson_id=sp,
                team_id=team,
                date=start + dt.timedelta(days=rng.randrange(365)),
                kind=kinds[i % 2],
                purpose=purposes[rng.randrange(4)],
                summary="拜访",
            )
        )
        if len(batch) == 10000:
            Visit.objects.bulk_create(batch)
            batch = []
    Visit.objects.bulk_create(batch)
    # rows loaded in bulk skip visit_log: set the clients' denormalised last visit and visit count
    client_ids = list(Client.objects.order_by("pk").values_list("pk", flat=True))
    for at in range(0, len(client_ids), 5000):
        visit_summary_refresh(client_ids[at : at + 5000])
    # closes for clients that reached closing; openings for opened and funded; deposits for funded
    closing = [r for r in rows if r[3] in ("closing", "account_opened", "funded")]
    ClosingAttempt.objects.bulk_create(
        [
            ClosingAttempt(
                client_id=pk,
                salesperson_id=sp,
                team_id=team,
                started_on=start + dt.timedelta(days=rng.randrange(300)),
                outcome="open" if status == "closing" else "won",
                decided_on=None if status == "closing" else start + dt.timedelta(days=330),
            )
            for pk, sp, team, status in closing
        ],
        batch_size=5000,
    )
    opened = [r for r in rows if r[3] in ("account_opened", "funded")]
    AccountOpening.objects.bulk_create(
        [
            AccountOpening(
                client_id=pk,
                date=start + dt.timedelta(days=300 + rng.randrange(30)),
                account_number=f"A{pk}",
                recorded_by=manager_of[team],
            )
            for pk, _, team, _ in opened
        ],
        batch_size=5000,
    )
    Deposit.objects.bulk_create(
        [
            Deposit(
                client_id=pk,
                date=start + dt.timedelta(days=335 + rng.randrange(30)),
                amount=Decimal(rng.randint(1, 100) * 10000),
                recorded_by=manager_of[team],
            )
            for pk, _, team, status in opened
            if status == "funded"
            for _ in range(2)
        ],
        batch_size=5000,
    )
    by_owner: dict[int, list[int]] = {}
    for pk, sp, _, _ in rows:
        by_owner.setdefault(sp, []).append(pk)
    this_monday = today - dt.timedelta(days=today.weekday())
    first_monday = this_monday - dt.timedelta(weeks=weeks)

    def plans(offsets: range, status: str) -> list:
        made = VisitPlan.objects.bulk_create(
            [
                VisitPlan(
                    owner=p,
                    team_id=p.team_id,
                    horizon="week",
                    period_start=first_monday + dt.timedelta(weeks=w),
                    period_end=first_monday + dt.timedelta(weeks=w, days=6),
                    status=status,
                    submitted_at=now if status != "draft" else None,
                    reviewed_at=now if status == "approved" else None,
                    reviewed_by=manager_of[p.team_id] if status == "approved" else None,
                )
                for p in people
                for w in offsets
            ],
            batch_size=5000,
        )
        VisitPlanItem.objects.bulk_create(
            [
                VisitPlanItem(
                    plan=pl,
                    date=pl.period_start + dt.timedelta(days=d),
                    client_id=rng.choice(by_owner[pl.owner_id])
                    if by_owner.get(pl.owner_id)
                    else None,
                    prospect_name="" if by_owner.get(pl.owner_id) else "意向客户",
                    purpose="service",
                    is_key=d == 0,
                )
                for pl in made
                for d in range(5)
            ],
            batch_size=10000,
        )
        return made

    plans(range(weeks), "approved")
    ahead = weeks + 1  # next week onwards
    plans(range(ahead, ahead + DRAFT_PLANS), "draft")
    plans(range(ahead + DRAFT_PLANS, ahead + DRAFT_PLANS + SUBMITTED_PLANS), "submitted")
    WorkLog.objects.bulk_create(
        [
            WorkLog(
                salesperson=p,
                team_id=p.team_id,
                date=start + dt.timedelta(days=d),
                content="日志",
            )
            for p in people
            for d in range(365)
            if (start + dt.timedelta(days=d)).weekday() < 5
        ],
        batch_size=10000,
    )
    month = today.replace(day=1)
    tasks = SalesTask.objects.bulk_create(
        [
            SalesTask(
                team_id=p.team_id,
                salesperson=p,
                month=month,
                target_visits=20,
                target_new_clients=4,
                target_accounts=2,
                target_deposit_amount=500000,
                assigned_by=manager_of[p.team_id],
            )
            for p in people
        ],
        batch_size=5000,
    )
    # every task has its commitment letter (task_assign opens one), approved: the month is announced
    CommitmentLetter.objects.bulk_create(
        [
            CommitmentLetter(
                task=t,
                text="承诺完成本月任务",
                status="approved",
                submitted_at=now,
                reviewed_at=now,
                reviewed_by=manager_of[t.team_id],
            )
            for t in tasks
        ],
        batch_size=5000,
    )
    MonthlySalesPlan.objects.bulk_create(
        [
            MonthlySalesPlan(
                team=t,
                month=month,
                sales_plan="x",
                reward_plan="y",
                author=manager_of[t.pk],
                announced_at=now,
            )
            for t in teams
        ]
    )
    return dept
