"""The year's pace beside the month page (plans/month.html): one include, no change to its view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from performance import queries
from salesops import clock

register = template.Library()


@register.inclusion_tag("performance/_year_pace.html")
def year_pace(team: Any, day: dt.date) -> dict[str, Any]:
    """The team's year (of ``day``) to date against its annual plan."""
    if team is None:
        return {"yp": None}
    return {"yp": queries.year_pace(team.pk, day.year, clock.today()), "team": team}
