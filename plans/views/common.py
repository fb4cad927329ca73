"""What the month and week pages share: the period asked for, and the manager's own team."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.models import Team
from salesops import clock
from salesops.periods import Period


def month_or_week(request: HttpRequest, kind: str) -> Period:
    today = clock.today()
    try:
        period = Period.parse(request.GET.get(kind) or request.POST.get(kind) or "")
        if period.kind == kind:
            return period
    except ValueError:
        pass
    return Period.week_of(today) if kind == "week" else Period.month_of(today)


def own_team(request: HttpRequest) -> Team:
    """The manager's own team: the month page and weekly plan are per team."""
    if request.user.team_id is None:
        raise PermissionDenied
    return request.user.team
