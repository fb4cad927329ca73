"""deliver_reports: the office's mailbox receives each submitted report's frozen files once, the
weekly round as one workbook, what is missing at the due time, and the Monday list."""

import datetime as dt
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from notifications.models import ScheduledMail
from notifications.reports_mail import deliver_reports
from reports.models import Submission

pytestmark = pytest.mark.django_db

SUNDAY = dt.date(2026, 11, 22)
MONDAY = dt.date(2026, 11, 23)


def at(day, hour, minute=0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def workbook(title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws["A1"] = title
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:C1")
    ws["A2"], ws["B2"] = "王芳", 3
    ws.column_dimensions["A"].width = 20
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def submit(team, manager, code, period_key, when):
    sub = Submission(
        team=team,
        code=code,
        period_key=period_key,
        submitted_by=manager,
        submitted_at=when,
        due_at=when,
    )
    sub.xlsx.save(f"{code}.xlsx", ContentFile(workbook(code)), save=False)
    sub.pdf.save(f"{code}.pdf", ContentFile(b"%PDF-1.4 " + code.encode()), save=False)
    sub.save()
    return sub


def office_mails(subject=""):
    return [m for m in mail.outbox if m.to == ["office@example.com"] and subject in m.subject]


def test_a_monthly_submission_is_mailed_once_with_its_frozen_files(team, manager):
    submit(team, manager, "monthly-sales", "2026-10", at(dt.date(2026, 11, 2), 9))
    counts = deliver_reports(at(dt.date(2026, 11, 2), 9, 5))
    assert counts["submissions"] == 1
    (message,) = office_mails("报表上报")
    names = sorted(name for name, _content, _type in message.attachments)
    assert names == [
        f"monthly-sales-2026-10-{team.name}.pdf",
        f"monthly-sales-2026-10-{team.name}.xlsx",
    ]
    xlsx = next(c for n, c, _t in message.attachments if n.endswith(".xlsx"))
    assert load_workbook(BytesIO(xlsx)).active["A1"].value == "monthly-sales"
    assert deliver_reports(at(dt.date(2026, 11, 2), 9, 10))["submissions"] == 0
    assert len(office_mails("报表上报")) == 1


def test_the_weekly_round_goes_as_one_workbook_once_complete(team, manager):
    when = at(SUNDAY, 20)
    submit(team, manager, "weekly-plan", "2026-W48", when)
    submit(team, manager, "weekly-sales", "2026-W47", when)
    deliver_reports(at(SUNDAY, 21))
    assert office_mails("周报表合集】营销一部 2026-W47") == []  # not complete, not yet due
    submit(team, manager, "weekly-work", "2026-W47", when)
    deliver_reports(at(SUNDAY, 21, 5))
    (message,) = office_mails("周报表合集】营销一部 2026-W47")
    books = [c for n, c, _t in message.attachments if n.endswith(".xlsx")]
    pdfs = [n for n, _c, _t in message.attachments if n.endswith(".pdf")]
    assert len(books) == 1 and len(pdfs) == 3
    merged = load_workbook(BytesIO(books[0]))
    assert sorted(merged.sheetnames) == ["weekly-plan", "weekly-sales", "weekly-work"]
    sheet = merged["weekly-sales"]
    assert sheet["A1"].font.bold and "A1:C1" in [str(r) for r in sheet.merged_cells.ranges]
    assert sheet["B2"].value == 3
    deliver_reports(at(MONDAY, 13))
    assert len(office_mails("周报表合集】营销一部 2026-W47")) == 1


def test_at_the_due_time_what_is_missing_is_said(team, manager):
    submit(team, manager, "weekly-sales", "2026-W47", at(SUNDAY, 20))
    deliver_reports(at(MONDAY, 12, 5))
    (pack,) = office_mails("周报表合集】营销一部 2026-W47")
    assert "尚未上报" in pack.body and "周工作方案表" in pack.body
    assert len([n for n, _c, _t in pack.attachments if n.endswith(".xlsx")]) == 1


def test_the_monday_mail_lists_late_and_missing_reports_once(team, manager, other_team):
    submit(team, manager, "weekly-sales", "2026-W47", at(MONDAY, 12, 30))  # late
    assert deliver_reports(at(MONDAY, 11))["monday_digest"] == 0  # before the due time
    assert deliver_reports(at(MONDAY, 13))["monday_digest"] == 1
    (digest,) = office_mails("每周一报表情况")
    assert f"{team.name} · 销售情况周统计表（2026-W47）：逾期上报" in digest.body
    assert f"{other_team.name} · 销售情况周统计表（2026-W47）：未上报" in digest.body
    assert deliver_reports(at(MONDAY, 18))["monday_digest"] == 0


def test_a_refusing_mail_server_is_recorded_and_retried_a_bounded_number_of_times(
    team, manager, settings
):
    settings.EMAIL_BACKEND = "tests.notifications.test_channels.RefusingBackend"
    submit(team, manager, "monthly-sales", "2026-10", at(dt.date(2026, 11, 2), 9))
    for minute in range(5):
        deliver_reports(at(dt.date(2026, 11, 2), 10, minute))
    row = ScheduledMail.objects.get(kind="submission")
    assert row.status == "failed" and row.attempts == 3
    assert "SMTPRecipientsRefused" in row.error


def test_nothing_without_an_office_mailbox(team, manager, settings):
    settings.SALESOPS_OFFICE_EMAIL = ""
    submit(team, manager, "monthly-sales", "2026-10", at(dt.date(2026, 11, 2), 9))
    assert deliver_reports(at(dt.date(2026, 11, 2), 10)) == {}
    assert mail.outbox == []


def test_a_round_mailed_with_nothing_says_so_and_late_reports_follow_on_their_own(team, manager):
    """W47's round went out at the due time with nothing in it: the text says no report is attached
    (not "已上报 0 份 … 附件"); each report submitted afterwards is mailed when it is submitted."""
    deliver_reports(at(MONDAY, 12, 5))
    (pack,) = office_mails(f"周报表合集】{team.name} 2026-W47")
    assert pack.attachments == []
    assert "尚无任何报表上报，本邮件没有附件" in pack.body and "已上报 0 份" not in pack.body

    late = submit(team, manager, "weekly-sales", "2026-W47", at(MONDAY, 14))
    plan = submit(team, manager, "weekly-plan", "2026-W48", at(MONDAY, 14, 1))  # W47's round too
    counts = deliver_reports(at(MONDAY, 14, 10))
    assert counts["late_weekly"] == 2
    names = sorted(n for m in office_mails("报表上报") for n, _c, _t in m.attachments)
    assert names == [
        f"weekly-plan-2026-W48-{team.name}.pdf",
        f"weekly-plan-2026-W48-{team.name}.xlsx",
        f"weekly-sales-2026-W47-{team.name}.pdf",
        f"weekly-sales-2026-W47-{team.name}.xlsx",
    ]
    assert f"{late.period_key}" in office_mails("销售情况周统计表")[0].subject
    assert plan.pk != late.pk
    # once each
    assert deliver_reports(at(MONDAY, 14, 20))["late_weekly"] == 0
    assert len(office_mails("报表上报")) == 2


def test_reports_in_the_round_mail_are_not_sent_again(team, manager):
    submit(team, manager, "weekly-sales", "2026-W47", at(SUNDAY, 20))
    deliver_reports(at(MONDAY, 12, 5))  # the round, with weekly-sales attached
    assert deliver_reports(at(MONDAY, 12, 15))["late_weekly"] == 0
    assert office_mails("报表上报") == []
