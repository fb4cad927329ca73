"""Submitting reports to the office and acknowledging them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from accounts.models import Team, User
from notifications import events
from salesops import clock
from salesops.pdf import PdfTooSlow
from salesops.periods import Period
from salesops.services import ServiceError

from . import freshness, rules
from .definitions import REPORTS, ReportDef
from .models import DownloadRecord, Submission
from .queries import ReportScope
from .render import DEPARTMENT, Meta, to_pdf, to_xlsx
from .submissions import asked_period, due_at


class AlreadyAcknowledged(ServiceError):
    """The office signed for it before: nothing to do."""

    level = "info"


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


@dataclass
class _Frozen:
    """A report frozen in memory, not stored yet: its row and its two files."""

    submission: Submission
    name: str
    xlsx: bytes
    pdf: bytes


def _freeze(*, team: Team, code: str, period: Period, by: User) -> _Frozen:
    """The report's .xlsx and PDF as they are now, and its unsaved row; writes nothing."""
    defn = REPORTS[code]
    if defn.period_kind != period.kind:
        raise ServiceError(_("报表与期间类型不符。"))
    today = clock.today()
    if defn.plans_ahead:  # a plan table is handed in before its period: from the period before
        if period.previous().start > today:
            raise ServiceError(_("方案表只能在所计划期间的前一期内或之后上报。"))
    elif period.start > today:
        raise ServiceError(_("不能上报尚未开始的期间。"))
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
        submitted_at=clock.now(),
        due_at=due_at(period, code),
        rows=len(rows),
    )
    try:
        pdf = to_pdf(defn, meta, rows)
    except PdfTooSlow as exc:
        raise ServiceError(exc.message) from exc
    xlsx = to_xlsx([(defn, meta, rows)])
    return _Frozen(sub, f"{code}-{period.key}-team{team.pk}", xlsx, pdf)


def _store(frozen: list[_Frozen]) -> list[Submission]:
    """Store the frozen reports' files and rows and tell the office, inside the caller's
    transaction. A failure part-way removes the files stored so far (the rows roll back with the
    transaction; the notices are rows of the same transaction, sent only after it commits)."""
    stored: list[Submission] = []
    try:
        for f in frozen:
            sub = f.submission
            stored.append(sub)
            sub.xlsx.save(f"{f.name}.xlsx", ContentFile(f.xlsx), save=False)
            sub.pdf.save(f"{f.name}.pdf", ContentFile(f.pdf), save=False)
            sub.save()
            events.report_submitted(sub)
    except BaseException:
        _discard_files(stored)
        raise
    return stored


def _discard_files(subs: list[Submission]) -> None:
    for sub in subs:
        for field in (sub.xlsx, sub.pdf):
            if field.name:
                field.storage.delete(field.name)


@transaction.atomic
def submission_create(*, team: Team, code: str, period: Period, by: User) -> Submission:
    """Freeze the report's .xlsx and PDF as they are now and hand them to the office."""
    rules.check_submit(by, team.pk)
    return _store([_freeze(team=team, code=code, period=period, by=by)])[0]


def week_submit(*, team: Team, period: Period, by: User) -> list[Submission]:
    """一键上报: the week's reporting round — the statistics of ``period`` (reports 3 and 5) and
    the plan table of the week after it (report 1) — frozen and handed to the office in one
    transaction, or none of them with the reason (docs/design.md §Submission).

    Every report is rendered first, before anything is written, so that the write lock is held
    only for the short store; a refusal or a failure of any of them stores nothing and tells
    nobody."""
    rules.check_submit(by, team.pk)
    frozen = []
    for defn in REPORTS.values():
        if defn.period_kind != "week":
            continue
        try:
            frozen.append(
                _freeze(team=team, code=defn.code, period=asked_period(defn.code, period), by=by)
            )
        except ServiceError as exc:
            raise ServiceError(
                _("一键上报未完成，没有上报任何报表。「%(title)s」：%(reason)s")
                % {"title": defn.title, "reason": exc.message}
            ) from exc
    try:
        with transaction.atomic():
            return _store(frozen)
    except DatabaseError as exc:  # e.g. SQLite's "database is locked", also at the commit
        _discard_files([f.submission for f in frozen])
        raise ServiceError(_("一键上报未完成，没有上报任何报表：数据库正忙，请稍后重试。")) from exc


@transaction.atomic
def submission_acknowledge(*, submission: Submission, by: User) -> Submission:
    """The office signs for a submission (签收)."""
    rules.check(by, "acknowledge")
    fresh = Submission.objects.select_for_update().get(pk=submission.pk)
    if fresh.acknowledged_at:
        raise AlreadyAcknowledged(_("该报表已签收。"))
    fresh.acknowledged_by, fresh.acknowledged_at = by, clock.now()
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
        at=clock.now(),
    )
