"""Client phone numbers and who may read them (个人信息保护法): one rule and one formatter, used by
every page and export that shows a client's number.

The rule is per (user, client) (docs/design.md §Who sees full numbers). A client's full number is
for the people who work that client: its owning salesperson, a manager of its team and its serving
analyst — ``Client.analyst``, or the team's analysts until one is set — and the superuser. Everyone
else (the office, the leader, other salespeople, the team's other analysts) only ever sees
``138****5678``.

Where the number is shown:
- pages (client list, client page, report pages) show it masked to everyone; on the client page a
  user with standing presses 显示号码 — one POST, put on record (ownership.PhoneReveal) — and the
  page then shows the full number as a tel: link for ``REVEAL_MINUTES``;
- report files (Excel, PDF) hold the full number only for a viewer with standing on that client
  (every download is on record: reports.DownloadRecord, and a file holding full numbers is one
  reveal on record with how many: ownership.PhoneReveal); every file for the office or the leader,
  and every submission frozen for the office, holds it masked.

``may_see_phone`` costs no query per row: the teams a manager manages are read once per user object.
"""

from __future__ import annotations

from typing import Any

from accounts.models import Role, User
from accounts.scoping import visible_team_ids

# how long a revealed number stays shown on the client page
REVEAL_MINUTES = 10
SESSION_KEY = "phone_reveals"

_CACHE = "_phone_team_ids"


def _managed_team_ids(user: User) -> frozenset[int]:
    """A manager's teams, read once per user object (a request's user lives for the request)."""
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = frozenset(visible_team_ids(user) or ())
        setattr(user, _CACHE, cached)
    return cached


def may_see_phone(
    user: User | None,
    *,
    team_id: int | None,
    salesperson_id: int | None,
    analyst_id: int | None,
) -> bool:
    """May this user read the full number of the client of that team, owner and serving analyst
    (``analyst_id`` None: not set yet, every analyst of the team serves it)?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if user.role == Role.SALESPERSON:
        return salesperson_id is not None and salesperson_id == user.pk
    if user.role == Role.ANALYST:
        if analyst_id is not None:
            return analyst_id == user.pk
        return team_id is not None and team_id == user.team_id
    if user.role == Role.MANAGER:
        return team_id is not None and team_id in _managed_team_ids(user)
    return False  # office, leader, no role


def may_see_client_phone(user: User | None, client: Any) -> bool:
    return may_see_phone(
        user,
        team_id=client.team_id,
        salesperson_id=client.salesperson_id,
        analyst_id=client.analyst_id,
    )


def searches_by_phone(user: User | None) -> bool:
    """May this user search clients by number? Those who may read the full number of every client
    they see (salesperson, analyst, manager: their scope is their standing); not the office or the
    leader, whose search by number would tell them whose a number is."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.role in (Role.SALESPERSON, Role.ANALYST, Role.MANAGER)


def mask_phone(phone: str | None) -> str:
    """``13812345678`` → ``138****5678``: the first three and the last four characters stay and
    everything between is starred; a number shorter than nine keeps only its first and last."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    head, tail = (3, 4) if len(phone) >= 9 else ((1, 1) if len(phone) > 2 else (0, 0))
    hidden = len(phone) - head - tail
    return phone[:head] + "*" * hidden + (phone[-tail:] if tail else "")


def phone_in_file(
    user: User | None,
    phone: str | None,
    *,
    team_id: int | None,
    salesperson_id: int | None,
    analyst_id: int | None,
    masked: bool = False,
) -> str:
    """The number as a report file for this user holds it: full only for a viewer with standing on
    the client and a file not made for the office (``masked``)."""
    standing = may_see_phone(
        user, team_id=team_id, salesperson_id=salesperson_id, analyst_id=analyst_id
    )
    if not masked and standing:
        return phone or ""
    return mask_phone(phone)


def mask_name(name: str | None) -> str:
    """张三丰 → 张**: who owns a number, told without giving the whole name away."""
    name = (name or "").strip()
    if not name:
        return "*"
    return name[0] + "*" * max(len(name) - 1, 1)
