"""Submitting reports to the office and acknowledging them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from notifications import events
from salesops import services as clock
from salesops.pdf import PdfTooSlow
from salesops.periods import Period

from . import freshness, rules
from .definitions import REPORTS, ReportDef
from .models import DownloadRecord, Submission
from .queries import ReportScope
from .render import DEPARTMENT, Meta, to_pdf, to_xlsx
from .submissions import due_at


class ReportError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def build(
    defn: ReportDef,
    period: Period,
    scope: ReportScope,
    *,
    filters: str = "",
    action: str = "view",
    cached: bool = True,
) -> tuple[Meta, Any]:
    """The report's header and rows for ``scope``; ``action`` is "view" (the page) or "export".
    A closed period's rows may come from the cache (reports.freshness) unless ``cached`` is off."""
    rules.check(scope.user, action)
    if action == "view":  # a screen shows client numbers masked (visits.masking)
        scope = replace(scope, masked_phones=True)
    today = clock.today()
    warnings = []
    if defn.uses_working_days and (missing := period.calendar_missing_years):
        warnings.append(
            _(
                "工作日历缺少 %(years)s 年：工作日暂按周一至周五计算。"
                "请管理员在后台载入或录入该年的节假日与调休。"
            )
            % {"years": "、".join(map(str, missing))}
        )
    meta = Meta(
        department=str(DEPARTMENT),
        period=period,
        generated_at=clock.now(),
        generated_by=scope.user.display_name,
        filters=filters,
        to_date=today if defn.to_date and period.is_to_date(today) else None,
        warnings=tuple(warnings),
    )
    if not cached:
        return meta, defn.query(scope, period)
    return meta, freshness.cached(defn.code, period, scope, lambda: defn.query(scope, period))


@transaction.atomic
def submission_create(*, team: Team, code: str, period: Period, by: User) -> Submission:
    """Freeze the report's .xlsx and PDF as they are now and hand them to the office."""
    rules.check_submit(by, team.pk)
    defn = REPORTS[code]
    if defn.period_kind != period.kind:
        raise ReportError(_("报表与期间类型不符。"))
    today = timezone.localdate()
    if defn.plans_ahead:  # a plan table is handed in before its period: from the period before
        if period.previous().start > today:
            raise ReportError(_("方案表只能在所计划期间的前一期内或之后上报。"))
    elif period.start > today:
        raise ReportError(_("不能上报尚未开始的期间。"))
    # frozen for the office: client numbers masked (visits.masking)
    scope = ReportScope(by, team_id=team.pk, masked_phones=True)
    # a record handed to the office: always counted from the database, never from the cache
    meta, rows = build(defn, period, scope, filters=team.name, cached=False)
    meta = replace(meta, department=f"{DEPARTMENT} · {team.name}", filters="")
    sub = Submission(
        team=team,
        code=code,
        period_key=period.key,
        submitted_by=by,
        submitted_at=timezone.now(),
        due_at=due_at(period, code),
        rows=len(rows),
    )
    try:
        pdf = to_pdf(defn, meta, rows)
    except PdfTooSlow as exc:
        raise ReportError(exc.message) from exc
    name = f"{code}-{period.key}-team{team.pk}"
    sub.xlsx.save(f"{name}.xlsx", ContentFile(to_xlsx([(defn, meta, rows)])), save=False)
    sub.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    sub.save()
    events.report_submitted(sub)
    return sub


@transaction.atomic
def submission_acknowledge(*, submission: Submission, by: User) -> Submission:
    """The office signs for a submission (签收)."""
    rules.check(by, "acknowledge")
    fresh = Submission.objects.select_for_update().get(pk=submission.pk)
    if fresh.acknowledged_at:
        raise ReportError(_("该报表已签收。"))
    fresh.acknowledged_by, fresh.acknowledged_at = by, timezone.now()
    fresh.save(update_fields=["acknowledged_by", "acknowledged_at"])
    return fresh


@transaction.atomic
def download_record(
    *,
    by: User,
    what: str,
    kind: str,
    path: str,
    team_id: int | None = None,
    filters: str = "",
    rows: int | None = None,
) -> DownloadRecord:
    """Put a download on record (who, what, which team's data — None for every team —, filters,
    rows, when). Called by every view that hands out a file, before it answers."""
    return DownloadRecord.objects.create(
        user=by,
        team_id=team_id,
        what=what[:200],
        kind=kind[:10],
        filters=filters[:300],
        rows=rows,
        path=path[:500],
        at=timezone.now(),
    )
