"""一键上报 (docs/design.md §Submission): a complete week's three reports are frozen in
one transaction or none, with the reason shown; the office is told only after it commits; a replayed
POST (double click, back button) freezes nothing again."""

import uuid
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.db import OperationalError
from django.urls import reverse

from notifications.models import Notification
from reports import services
from reports.models import Submission
from salesops.pdf import PdfTooSlow
from salesops.periods import Period

pytestmark = pytest.mark.django_db

WEEK = Period.parse("2026-W48")  # the last complete week under the reports' clock (2026-12-05)
URL = reverse("reports:submit_week", args=[WEEK.key])


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def stored_files(settings):
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def _fail_on_third(monkeypatch, name, exc):
    real = getattr(services, name)
    calls = []

    def third_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise exc
        return real(*args, **kwargs)

    monkeypatch.setattr(services, name, third_fails)


def test_one_click_freezes_the_three_weekly_reports(client_as, dept, manager, office, settings):
    response = client_as(manager).post(URL, {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 302 and response["Location"] == reverse("reports:board")
    assert set(Submission.objects.values_list("code", "period_key")) == {
        ("weekly-plan", "2026-W49"),
        ("weekly-sales", "2026-W48"),
        ("weekly-work", "2026-W48"),
    }
    assert Notification.objects.count() == 3  # the office is told of each
    assert len(stored_files(settings)) == 6
    assert any("已全部上报办公室" in m for m in said(response))


def test_a_failing_third_report_freezes_none_and_says_why(
    client_as, dept, manager, office, settings, monkeypatch
):
    _fail_on_third(monkeypatch, "to_pdf", PdfTooSlow(30))
    response = client_as(manager).post(URL, {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    assert not Submission.objects.exists()
    assert not Notification.objects.exists()
    assert stored_files(settings) == []
    assert any(
        "一键上报未完成，没有上报任何报表" in m and "PDF 生成超过" in m for m in said(response)
    )


def test_a_database_failure_storing_the_third_leaves_nothing_frozen(
    client_as, dept, manager, office, settings, monkeypatch
):
    """SQLite under the demo answered "database is locked" after two reports were frozen."""
    real = services.events.report_submitted
    calls = []

    def locked_on_third(sub):
        calls.append(sub)
        if len(calls) == 3:
            raise OperationalError("database is locked")
        real(sub)

    monkeypatch.setattr(services.events, "report_submitted", locked_on_third)
    response = client_as(manager).post(URL, {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    assert not Submission.objects.exists()
    assert not Notification.objects.exists()
    assert stored_files(settings) == []
    assert any("数据库正忙" in m for m in said(response))
    monkeypatch.undo()
    # the retry freezes the week once: three reports, not the two of before plus three
    retry = client_as(manager).post(URL, {"submission_key": str(uuid.uuid4())})
    assert retry.status_code == 302
    assert Submission.objects.count() == 3 and Notification.objects.count() == 3


def test_a_replayed_one_click_does_not_freeze_twice(client_as, dept, manager, office):
    c = client_as(manager)
    board = c.get(reverse("reports:board")).content.decode()
    assert 'name="submission_key"' in board
    data = {"submission_key": str(uuid.uuid4())}
    first, second = c.post(URL, data), c.post(URL, data)
    assert first["Location"] == second["Location"] == reverse("reports:board")
    assert Submission.objects.count() == 3
    assert Notification.objects.count() == 3
    assert any("这份表单已经提交过" in m for m in said(second))


def test_the_service_refuses_the_whole_round_for_a_week_not_begun(dept, manager, team):
    from salesops.services import ServiceError

    with pytest.raises(
        ServiceError, match="一键上报未完成.*方案表只能在所计划期间的前一期内或之后上报"
    ):
        services.week_submit(team=team, period=Period.parse("2026-W50"), by=manager)
    assert not Submission.objects.exists()
