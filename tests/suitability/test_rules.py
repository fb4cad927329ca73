"""The matching rule table (C1–C5 × R1–R5), validity and scoring."""

import datetime as dt

import pytest

from suitability import rules

LEVELS = ["C1", "C2", "C3", "C4", "C5"]
RISKS = ["R1", "R2", "R3", "R4", "R5"]
# docs/design.md §Suitability: C1→R1 … C5→R5 (a client may hold every product up to their own level)
TABLE = {
    "C1": {"R1"},
    "C2": {"R1", "R2"},
    "C3": {"R1", "R2", "R3"},
    "C4": {"R1", "R2", "R3", "R4"},
    "C5": {"R1", "R2", "R3", "R4", "R5"},
}


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("risk", RISKS)
def test_matching_table(level, risk):
    assert rules.may_hold(level, risk) is (risk in TABLE[level])


@pytest.mark.parametrize(
    ("assessed", "last_day"),
    [
        (dt.date(2026, 11, 27), dt.date(2027, 11, 26)),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        (dt.date(2028, 2, 29), dt.date(2029, 2, 27)),
        (dt.date(2026, 12, 31), dt.date(2027, 12, 30)),
    ],
)
def test_valid_for_twelve_months(assessed, last_day):
    assert rules.valid_until(assessed) == last_day
    assert rules.is_valid(last_day, last_day)
    assert not rules.is_valid(last_day, last_day + dt.timedelta(days=1))
    assert not rules.is_valid(None, assessed)


@pytest.mark.parametrize(
    ("score", "level"),
    [(0, "C1"), (15, "C1"), (16, "C2"), (21, "C2"), (22, "C3"), (28, "C4"), (34, "C5"), (40, "C5")],
)
def test_score_thresholds(score, level):
    assert rules.score_level(score, (16, 22, 28, 34)) == level


# --- 制定投资方案: the button and the service's refusal ------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status", "waiting", "expected"),
    [
        ("analyst", "reported", False, True),
        ("manager", "reported", False, True),
        ("analyst", "reported", True, False),  # a plan waits for the manager's decision
        ("manager", "reported", True, False),
        ("salesperson", "reported", False, False),  # not the salesperson's to make
        ("analyst", "plan_ready", False, False),  # the pipeline does not offer it
        ("analyst", "needs_analyzed", False, False),
    ],
)
def test_can_prepare_plan(request, salesperson, who, status, waiting, expected):
    from tests.visits.factories import ClientFactory

    client = ClientFactory(salesperson=salesperson, status=status)
    user = request.getfixturevalue(who)
    assert rules.can_prepare_plan(user, client, plan_waiting=waiting) is expected
