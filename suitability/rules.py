"""The suitability rules, written once (docs/design.md §Suitability).

- matching: a client of level Cn may hold products of level R1 … Rn (``may_hold``);
- validity: an assessment is valid for 12 months — through the day before the same date a year on;
- who assesses: the client's salesperson, the team's analyst or manager (``may_assess``);
- who decides a plan the client insisted on (``may_decide``, four eyes — docs/design.md §Four eyes):
  never whoever recorded it; the manager of the client's team, or the leader (主管领导) when the
  plan was recorded by a manager of that team;
- who may make an investment plan now (``can_prepare_plan``): the pipeline offers 制定投资方案 and no
  plan of the client waits for the manager's decision — the button and the service's refusal alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from accounts.models import Role, User
from accounts.scoping import manages
from visits import rules as visits_rules
from visits.models import Client

VALID_MONTHS = 12
# the home pages list assessments that end within this many days (and those already ended)
EXPIRING_DAYS = 30


def level_number(level: str) -> int:
    """ "C3" → 3, "R4" → 4."""
    return int(level[1:])


def may_hold(client_level: str, product_level: str) -> bool:
    """C1→R1 … C5→R5: a product's risk level must not exceed the client's tolerance level."""
    return level_number(product_level) <= level_number(client_level)


def valid_until(assessed_on: dt.date) -> dt.date:
    """The last day an assessment made on ``assessed_on`` is valid (12 months)."""
    year, month = divmod(assessed_on.month - 1 + VALID_MONTHS, 12)
    year += assessed_on.year
    day = assessed_on.day
    while True:
        try:
            end = dt.date(year, month + 1, day)
            break
        except ValueError:  # 29 Feb → 28 Feb
            day -= 1
    return end - dt.timedelta(days=1)


def is_valid(valid_until_day: dt.date | None, on: dt.date) -> bool:
    return valid_until_day is not None and on <= valid_until_day


def score_level(score: int, thresholds: tuple[int, int, int, int]) -> str:
    """The level a score reaches, given the minimum scores of C2, C3, C4, C5."""
    level = 1
    for n, minimum in enumerate(thresholds, start=2):
        if score >= minimum:
            level = n
    return f"C{level}"


def may_assess(user: User, client: Client) -> bool:
    """The client's salesperson, an analyst or the manager of the client's team."""
    return visits_rules.relation(user, client) in ("owner", "analyst", "manager")


def decided_by_leader(suitability: Any) -> bool:
    """The plan was recorded by a manager of the client's team: the leader decides it."""
    recorder = suitability.recorded_by
    return (
        recorder is not None
        and manages(recorder, suitability.client.team_id)
        and (not recorder.is_superuser)
    )


def may_decide(user: User, suitability: Any) -> bool:
    """Approve or refuse a plan waiting for its suitability decision. Whoever recorded the
    exception never decides it; a manager's own exception goes to the leader."""
    if not user.is_authenticated or not user.is_active or user.pk == suitability.recorded_by_id:
        return False
    if decided_by_leader(suitability):
        return user.role == Role.LEADER or user.is_superuser
    return manages(user, suitability.client.team_id)


def can_prepare_plan(user: User, client: Client, *, plan_waiting: bool) -> bool:
    """制定投资方案 now: the pipeline offers it to this user in the client's state (visits.rules:
    已上报经理, the team's analyst or manager) and no plan of the client waits for the manager's
    suitability decision (``plan_waiting``: suitability.queries.plan_waiting) — another plan would
    be refused until the manager decides. The client page offers the button by it
    (suitability.queries.client_section); the service refuses by it (gate.check_may_prepare)."""
    return not plan_waiting and "prepare_plan" in visits_rules.allowed_actions(user, client)
