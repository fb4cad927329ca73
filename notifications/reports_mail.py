"""Report delivery to the office's mailbox (``manage.py deliver_reports``; SALESOPS_OFFICE_EMAIL).

- each monthly report, when it is submitted: its frozen .xlsx and PDF attached;
- each team's weekly round (the week's statistics and the next week's plan table) as one
  workbook — the frozen workbooks of the round merged, one sheet each — with the PDFs, once every
  weekly report of the round is in, or at the round's due time with what there is and what is
  still missing (the text says so when nothing is attached);
- a weekly report submitted after its round's mail went out: on its own, with its frozen files,
  by the first run after it is submitted;
- a monthly round's due time: what is still missing;
- on Monday after the weekly due time, the list of late and missing reports of every team.

Each mail is keyed by (kind, subject, period, address) in ScheduledMail: claimed by one process
(one conditional UPDATE), sent once, a failure recorded and retried up to MAX_ATTEMPTS times. A
mail still "sending" NOTIFY_SENDING_STALE_MINUTES after its claim (the process stopped mid-send)
counts as a failed attempt and is claimed again the same way.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from copy import copy
from io import BytesIO

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import Team
from reports.models import Submission
from salesops import clock
from salesops.periods import Period
from salesops.services import now as clock_now

from .channels import ChannelError, send_email
from .delivery import INTERRUPTED, stale_before
from .models import DeliveryStatus, ScheduledMail

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# submissions older than this are not mailed (a new installation does not send its history)
RECENT = dt.timedelta(days=40)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Attachment = tuple[str, bytes, str]


def _claim(kind: str, subject: str, period: str, address: str) -> ScheduledMail | None:
    """The mail's row, claimed for this process; None when it was sent, its attempts are spent or
    another process has it."""
    try:
        with transaction.atomic():
            mail, _created = ScheduledMail.objects.get_or_create(
                kind=kind, subject=subject, period=period, address=address
            )
    except IntegrityError:  # created by another process this instant
        mail = ScheduledMail.objects.get(kind=kind, subject=subject, period=period, address=address)
    now = clock.now()
    rows = ScheduledMail.objects.filter(pk=mail.pk)
    if mail.status == DeliveryStatus.SENDING:
        # left by a process that stopped mid-send (claimed before the cutoff): a failed attempt
        interrupted = rows.filter(
            status=DeliveryStatus.SENDING, claimed_at__lt=stale_before(), attempts=mail.attempts
        )
        mail.attempts += 1
        if mail.attempts >= MAX_ATTEMPTS:
            interrupted.update(
                status=DeliveryStatus.FAILED, attempts=mail.attempts, error=INTERRUPTED
            )
            return None
        return mail if interrupted.update(claimed_at=now, attempts=mail.attempts) == 1 else None
    claimable = Q(status=DeliveryStatus.PENDING) | Q(
        status=DeliveryStatus.FAILED, attempts__lt=MAX_ATTEMPTS
    )
    claimed = rows.filter(claimable).update(status=DeliveryStatus.SENDING, claimed_at=now) == 1
    return mail if claimed else None


def _send_once(
    kind: str,
    subject: str,
    period: str,
    compose: Callable[[], tuple[str, str, list[Attachment]]],
    submissions: list[Submission] | None = None,
) -> bool:
    """Send the mail keyed (kind, subject, period) once; the row keeps its subject line, the
    attachments' names and the ``submissions`` whose files it carries, sent or failed."""
    address = settings.SALESOPS_OFFICE_EMAIL
    mail = _claim(kind, subject, period, address)
    if mail is None:
        return False
    attempts = mail.attempts + 1
    try:
        with override(settings.LANGUAGE_CODE):
            title, body, attachments = compose()
        ScheduledMail.objects.filter(pk=mail.pk).update(
            title=title[:200],
            attachments=[name for name, _content, _type in attachments],
            submission_ids=[s.pk for s in submissions or []],
        )
        send_email(to=[address], subject=title, body=body, attachments=attachments)
    except (ChannelError, OSError, ValueError) as exc:
        reason = exc.reason if isinstance(exc, ChannelError) else f"{type(exc).__name__}: {exc}"
        ScheduledMail.objects.filter(pk=mail.pk).update(
            status=DeliveryStatus.FAILED, attempts=attempts, error=reason[:1000]
        )
        log.warning("report mail %s %s %s failed: %s", kind, subject, period, reason)
        return False
    ScheduledMail.objects.filter(pk=mail.pk).update(
        status=DeliveryStatus.SENT, attempts=attempts, error="", sent_at=clock.now()
    )
    return True


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def merge_workbooks(workbooks: list[bytes]) -> bytes:
    """One workbook of every sheet of ``workbooks`` (values, styles, widths, merged cells)."""
    from openpyxl import Workbook, load_workbook

    merged = Workbook()
    merged.remove(merged.active)
    for raw in workbooks:
        source = load_workbook(BytesIO(raw))
        for sheet in source.worksheets:
            title = sheet.title
            n = 2
            while title in merged.sheetnames:
                title = f"{sheet.title[:28]}-{n}"
                n += 1
            target = merged.create_sheet(title)
            for row in sheet.iter_rows():
                for cell in row:
                    new = target.cell(row=cell.row, column=cell.column, value=cell.value)
                    if cell.has_style:
                        new.font, new.fill = copy(cell.font), copy(cell.fill)
                        new.border, new.alignment = copy(cell.border), copy(cell.alignment)
                        new.number_format = cell.number_format
            for key, dim in sheet.column_dimensions.items():
                target.column_dimensions[key].width = dim.width
            for cells in sheet.merged_cells.ranges:
                target.merge_cells(str(cells))
    out = BytesIO()
    merged.save(out)
    return out.getvalue()


def _title(code: str) -> str:
    from reports.definitions import REPORTS

    return str(REPORTS[code].title)


def _submission_mail(sub: Submission) -> int:
    """One submission's frozen .xlsx and PDF, mailed once (keyed by the submission)."""

    def compose() -> tuple[str, str, list[Attachment]]:
        name = f"{sub.code}-{sub.period_key}-{sub.team.name}"
        title = _("【报表上报】%(team)s %(report)s %(period)s") % {
            "team": sub.team.name,
            "report": _title(sub.code),
            "period": sub.period_key,
        }
        body = _(
            "%(team)s的「%(report)s」（%(period)s）已由%(who)s于 %(at)s 上报，附件为上报时冻结的 Excel 与 PDF。"
        ) % {
            "team": sub.team.name,
            "report": _title(sub.code),
            "period": sub.period_key,
            "who": sub.submitted_by.display_name,
            "at": timezone.localtime(sub.submitted_at).strftime("%Y-%m-%d %H:%M"),
        }
        return (
            title,
            body,
            [
                (f"{name}.xlsx", _read(sub.xlsx), XLSX),
                (f"{name}.pdf", _read(sub.pdf), "application/pdf"),
            ],
        )

    return int(
        _send_once("submission", f"reports.submission:{sub.pk}", sub.period_key, compose, [sub])
    )


def monthly_submissions(at: dt.datetime) -> int:
    from reports.definitions import REPORTS

    monthly = [c for c, d in REPORTS.items() if d.period_kind == "month"]
    subs = Submission.objects.filter(
        code__in=monthly, submitted_at__gte=at - RECENT
    ).select_related("team", "submitted_by")
    return sum(_submission_mail(sub) for sub in subs)


def late_weekly_submissions(at: dt.datetime) -> int:
    """A weekly report submitted after its round's mail went out (at the due time, with what there
    was) is mailed on its own, as a monthly one is, by the next run after it is submitted."""
    from reports.definitions import REPORTS
    from reports.submissions import asked_period

    weekly = [c for c, d in REPORTS.items() if d.period_kind == "week"]
    subs = Submission.objects.filter(code__in=weekly, submitted_at__gte=at - RECENT)
    sent = 0
    for sub in subs.select_related("team", "submitted_by").order_by("submitted_at", "pk"):
        period = Period.parse(sub.period_key)
        # the round that asks for it: a plan table looks ahead, so its round is the week before
        round_ = period if asked_period(sub.code, period) == period else period.previous()
        pack = ScheduledMail.objects.filter(
            kind="weekly_pack",
            subject=f"accounts.team:{sub.team_id}",
            period=round_.key,
            status=DeliveryStatus.SENT,
        ).first()
        if pack is not None and sub.pk not in pack.submission_ids:  # went out without it
            sent += _submission_mail(sub)
    return sent


def _round(kind: str, period: Period) -> list[tuple[str, Period]]:
    """The (report, period) pairs asked in the round named by ``period``."""
    from reports.definitions import REPORTS
    from reports.submissions import asked_period

    return [
        (code, asked_period(code, period)) for code, d in REPORTS.items() if d.period_kind == kind
    ]


def _newest(team: Team, pairs: list[tuple[str, Period]]) -> dict[str, Submission]:
    found: dict[str, Submission] = {}
    for code, period in pairs:
        sub = (
            Submission.objects.filter(team=team, code=code, period_key=period.key)
            .order_by("-submitted_at")
            .first()
        )
        if sub is not None:
            found[code] = sub
    return found


def weekly_packs(at: dt.datetime) -> int:
    from reports.submissions import due_at

    today = timezone.localdate(at)
    sent = 0
    week = Period.week_of(today)
    for period in (week.previous().previous(), week.previous(), week):
        pairs = _round("week", period)
        last_due = max(due_at(p, code) for code, p in pairs)
        for team in Team.objects.all():
            subs = _newest(team, pairs)
            complete = len(subs) == len(pairs)
            if not complete and at < last_due:
                continue
            if not subs and at - last_due > RECENT:
                continue
            missing = [f"{_title(code)}（{p.key}）" for code, p in pairs if code not in subs]

            def compose(team=team, period=period, subs=subs, missing=missing):
                title = _("【周报表合集】%(team)s %(period)s") % {
                    "team": team.name,
                    "period": period.key,
                }
                if subs:
                    first = _(
                        "%(team)s %(period)s 的周报表：已上报 %(done)s 份，附件为上报时冻结的文件（合并为一个工作簿）。"
                    )
                else:  # say what is attached: nothing
                    first = _(
                        "%(team)s %(period)s 的周报表：截止时间已过，尚无任何报表上报，本邮件没有附件。之后上报的报表将在上报后单独发送。"
                    )
                lines = [first % {"team": team.name, "period": period.key, "done": len(subs)}]
                if missing:
                    lines.append(_("尚未上报：%(list)s") % {"list": "、".join(missing)})
                attachments: list[Attachment] = []
                if subs:
                    books = [_read(s.xlsx) for s in subs.values()]
                    attachments.append(
                        (f"weekly-pack-{period.key}-{team.name}.xlsx", merge_workbooks(books), XLSX)
                    )
                    for code, s in subs.items():
                        attachments.append(
                            (
                                f"{code}-{s.period_key}-{team.name}.pdf",
                                _read(s.pdf),
                                "application/pdf",
                            )
                        )
                return title, "\n\n".join(lines), attachments

            sent += _send_once(
                "weekly_pack", f"accounts.team:{team.pk}", period.key, compose, list(subs.values())
            )
    return sent


def monthly_missing(at: dt.datetime) -> int:
    """At a monthly round's due time: what is still missing, per team."""
    from reports.submissions import due_at

    month = Period.month_of(timezone.localdate(at))
    sent = 0
    for period in (month.previous(),):
        pairs = _round("month", period)
        last_due = max(due_at(p, code) for code, p in pairs)
        if at < last_due:
            continue
        for team in Team.objects.all():
            subs = _newest(team, pairs)
            missing = [f"{_title(code)}（{p.key}）" for code, p in pairs if code not in subs]
            if not missing:
                continue

            def compose(team=team, period=period, missing=missing):
                title = _("【报表未上报】%(team)s %(period)s") % {
                    "team": team.name,
                    "period": period.key,
                }
                body = _("截止时间已过，以下月报表尚未上报：%(list)s") % {
                    "list": "、".join(missing)
                }
                return title, body, []

            sent += _send_once("monthly_missing", f"accounts.team:{team.pk}", period.key, compose)
    return sent


def monday_digest(at: dt.datetime) -> int:
    """Monday after the weekly due time: every team's late and missing reports of the last week's
    round and the running month's round."""
    from reports.submissions import due_at, state_of

    today = timezone.localdate(at)
    due = settings.REPORT_WEEKLY_DUE
    if today.weekday() != 0 or at.hour < due["hour"]:
        return 0
    rounds = [Period.week_of(today).previous(), Period.month_of(today).previous()]

    def compose():
        lines = []
        for team in Team.objects.all():
            for period in rounds:
                pairs = _round(period.kind, period)
                subs = _newest(team, pairs)
                for code, p in pairs:
                    sub = subs.get(code)
                    state = state_of(sub, due_at(p, code), at)
                    if state in ("late", "missing"):
                        label = _("逾期上报") if state == "late" else _("未上报")
                        lines.append(f"- {team.name} · {_title(code)}（{p.key}）：{label}")
        title = _("【每周一报表情况】%(week)s 逾期及未上报") % {"week": rounds[0].key}
        body = "\n".join(lines) if lines else _("所有报表均已按时上报。")
        return title, body, []

    return int(_send_once("monday_digest", "office", rounds[0].key, compose))


def deliver_reports(at: dt.datetime | None = None) -> dict[str, int]:
    if not settings.SALESOPS_OFFICE_EMAIL:
        return {}
    at = timezone.localtime(at or clock_now())
    return {
        "submissions": monthly_submissions(at),
        "weekly_packs": weekly_packs(at),
        "late_weekly": late_weekly_submissions(at),
        "monthly_missing": monthly_missing(at),
        "monday_digest": monday_digest(at),
    }
