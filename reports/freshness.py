"""Report results of closed periods, cached (README "Performance").

A closed week's or month's report only changes when something it counts is written — a visit or a
deposit logged late, a client moved, a plan item changed. Its rows are cached in Django's cache
(Redis with REDIS_URL, local memory otherwise) under a key made of the report, the period, the
scope (who asks — visibility and phone masking are the viewer's — the team / salesperson filters,
the masking, the language) and the **data version**: the sum of the DataVersion counters of the
teams in that scope plus the firm-wide one. Every counted write calls ``touch`` inside its own
transaction, so the new version is visible exactly when the write is, and the next read of any
report over that team is computed again. A running period is never cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from accounts.scoping import visible_team_ids
from salesops import services as clock
from salesops.periods import Period

from .models import DataVersion
from .rows import RowSet

FIRM = 0  # the counter of a change not tied to one team: in every scope


def cache_seconds() -> int:
    return int(getattr(settings, "REPORT_CACHE_SECONDS", 6 * 3600))


def touch(*team_ids: int | None) -> None:
    """Move on the data version of these teams (None: the firm-wide counter). Called inside the
    writing transaction; teams in a fixed order so two writers never wait on each other crosswise."""
    for key in sorted({t or FIRM for t in team_ids}):
        if DataVersion.objects.filter(key=key).update(n=F("n") + 1):
            continue
        try:
            with transaction.atomic():
                DataVersion.objects.create(key=key, n=1)
        except IntegrityError:  # created meanwhile by another writer
            DataVersion.objects.filter(key=key).update(n=F("n") + 1)


def version(scope: Any) -> int:
    """The data version a report over ``scope`` (a reports.queries.ReportScope) depends on."""
    rows = DataVersion.objects.all()
    if scope.team_id:
        rows = rows.filter(key__in=[FIRM, scope.team_id])
    else:
        ids = visible_team_ids(scope.user)
        if ids is not None:
            rows = rows.filter(key__in=[FIRM, *ids])
    return rows.aggregate(s=Sum("n"))["s"] or 0


def teams_version(team_ids: list[int] | None) -> int:
    """The data version of these teams (None: every team) plus the firm-wide counter."""
    rows = DataVersion.objects.all()
    if team_ids is not None:
        rows = rows.filter(key__in=[FIRM, *team_ids])
    return rows.aggregate(s=Sum("n"))["s"] or 0


def remember(name: str, team_ids: list[int] | None, compute: Callable[[], Any]) -> Any:
    """Any figure over closed days of these teams — the weeks before this one on a dashboard's
    chart, say — cached under ``name`` (which must name the days it covers) and the teams' data
    version, so that a late write shows on the next read exactly as for the reports."""
    if cache_seconds() <= 0:
        return compute()
    teams = "all" if team_ids is None else ",".join(map(str, sorted(team_ids)))
    key = f"figure:{name}:{teams}:{get_language() or ''}:{teams_version(team_ids)}"
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = compute()
    cache.set(key, value, cache_seconds())
    return value


def _key(code: str, period: Period, scope: Any) -> str:
    parts: Iterable[Any] = (
        code,
        period.key,
        scope.user.pk,
        scope.team_id or "",
        scope.salesperson_id or "",
        int(scope.masked_phones),
        get_language() or "",
        version(scope),
    )
    return "report:" + ":".join(map(str, parts))


def cacheable(period: Period) -> bool:
    """A closed period (ended before today), with the cache on."""
    return period.end < clock.today() and cache_seconds() > 0


def fragment(
    code: str, period: Period, scope: Any, variant: str | None, render: Callable[[], str]
) -> str:
    """A closed period's report table as HTML, cached beside its rows under the same key (so the
    same data version) and the page's ``variant`` (its page, sort and page size); ``render()``
    otherwise. Drawing 50 rows of a dozen columns costs more than reading them from the cache, so
    a closed period's page is served from here. ``variant`` None: not cached (a query string
    with anything else in it)."""
    if variant is None or not cacheable(period):
        return render()
    key = f"{_key(code, period, scope)}:html:{variant}"
    html = cache.get(key)
    if isinstance(html, str):
        return mark_safe(html)  # our own rendering, stored as it was drawn
    html = render()
    cache.set(key, html, cache_seconds())
    return html


def cached(code: str, period: Period, scope: Any, compute: Callable[[], Any]) -> Any:
    """The report's rows for a closed period from the cache, else ``compute()`` stored for next
    time. A list is cached whole; a RowSet (one row per client) keeps its rows in the database and
    caches its count and totals, the aggregates every page and export reads."""
    if not cacheable(period):
        return compute()
    key = _key(code, period, scope)
    hit = cache.get(key)
    if isinstance(hit, list):
        return hit
    rows = compute()
    if isinstance(rows, RowSet):
        if isinstance(hit, dict):
            rows._count, rows._total_row = hit["count"], hit["totals"]
        else:
            cache.set(key, {"count": rows.count(), "totals": rows.totals()}, cache_seconds())
    elif isinstance(rows, list):
        cache.set(key, rows, cache_seconds())
    return rows
