"""Every download is on record (who, what, which team's data, filters, rows, when), and the records
are readable by the team's manager, the office and administrators — nobody else."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from plans import services as plan_services
from reports.models import DownloadRecord, Submission
from salesops import clock
from salesops.periods import Period
from tests.plans.factories import month_ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_pdf(monkeypatch):
    """The record is what is tested here, not the renderer."""
    import plans.views.month as month_views
    import reports.views as report_views

    monkeypatch.setattr(report_views, "to_pdf", lambda *a, **k: b"%PDF-")
    monkeypatch.setattr(month_views, "html_to_pdf", lambda html: b"%PDF-")


def test_a_report_export_is_recorded(client_as, manager, team, salesperson, no_pdf):
    before = clock.now()  # the reports' clock (tests/reports/conftest.py)
    for fmt in ("xlsx", "pdf"):
        response = client_as(manager).get(f"/reports/weekly-work/2026-W46/?format={fmt}")
        assert response.status_code == 200
    records = list(DownloadRecord.objects.order_by("pk"))
    assert [r.kind for r in records] == ["xlsx", "pdf"]
    first = records[0]
    assert first.user == manager
    assert first.team == team
    assert "2026-W46" in first.what
    assert first.path == "/reports/weekly-work/2026-W46/?format=xlsx"
    assert first.rows == 1  # one row per salesperson of the team: sales1 王芳 only
    assert first.at >= before


def test_viewing_a_report_page_is_not_a_download(client_as, manager):
    assert client_as(manager).get("/reports/weekly-work/2026-W46/").status_code == 200
    assert not DownloadRecord.objects.exists()


def test_the_office_filtering_a_team_records_that_team(client_as, office, team, salesperson):
    response = client_as(office).get(f"/reports/weekly-work/2026-W46/?format=xlsx&team={team.pk}")
    assert response.status_code == 200
    record = DownloadRecord.objects.get()
    assert (record.user, record.team, record.filters) == (office, team, team.name)


def test_the_weekly_pack_is_recorded(client_as, manager, team):
    assert client_as(manager).get("/reports/pack/2026-W46/").status_code == 200
    record = DownloadRecord.objects.get()
    assert (record.kind, record.team) == ("xlsx", team)
    assert "2026-W46" in record.what


def test_a_submission_file_is_recorded(client_as, office, manager, team):
    week = Period.parse("2026-W46")
    sub = Submission(
        team=team,
        code="weekly-work",
        period_key=week.key,
        submitted_by=manager,
        submitted_at=timezone.now(),
        due_at=timezone.now(),
    )
    sub.xlsx.save("m.xlsx", ContentFile(b"x"), save=False)
    sub.pdf.save("m.pdf", ContentFile(b"x"), save=False)
    sub.save()
    response = client_as(office).get(reverse("reports:download", args=[sub.pk, "pdf"]))
    assert response.status_code == 200
    record = DownloadRecord.objects.get()
    assert (record.user, record.team, record.kind) == (office, team, "pdf")


def test_a_letter_pdf_is_recorded(client_as, manager, salesperson, team, no_pdf):
    month_ready(manager, timezone.localdate())
    task = plan_services.task_assign(
        manager=manager,
        salesperson=salesperson,
        month=timezone.localdate(),
        target_visits=1,
        target_new_clients=1,
        target_accounts=1,
        target_deposit_amount=1,
    )
    response = client_as(salesperson).get(reverse("plans:letter_pdf", args=[task.letter.pk]))
    assert response.status_code == 200
    record = DownloadRecord.objects.get()
    assert (record.user, record.team, record.kind, record.rows) == (salesperson, team, "pdf", 1)
    # the procedure's name for it: 承诺书 (a commitment letter), not 目标责任书
    month = f"{timezone.localdate():%Y-%m}"
    assert record.what == f"承诺书 {month} {salesperson.display_name}"


def test_a_refused_download_is_not_recorded(client_as, analyst):
    assert client_as(analyst).get("/reports/weekly-work/2026-W46/?format=xlsx").status_code == 403
    assert not DownloadRecord.objects.exists()


@pytest.fixture
def records(manager, other_manager, office, team, other_team):
    def make(user, team_, what):
        return DownloadRecord.objects.create(
            user=user, team=team_, what=what, kind="xlsx", path="/x", at=timezone.now()
        )

    return [
        make(manager, team, "本队的下载"),
        make(other_manager, other_team, "别队的下载"),
        make(office, None, "全部团队的下载"),
    ]


def test_the_manager_reads_their_teams_records_only(client_as, manager, records):
    response = client_as(manager).get(reverse("reports:downloads"))
    assert response.status_code == 200
    assert [r.what for r in response.context["records"]] == ["本队的下载"]


@pytest.mark.parametrize("who", ["office", "admin_user"])
def test_the_office_and_administrators_read_every_record(client_as, request, who, records):
    from tests.factories import UserFactory

    user = (
        request.getfixturevalue("office")
        if who == "office"
        else UserFactory(username="root", is_superuser=True, is_staff=True)
    )
    response = client_as(user).get(reverse("reports:downloads"))
    assert response.status_code == 200
    assert {r.what for r in response.context["records"]} == {
        "本队的下载",
        "别队的下载",
        "全部团队的下载",
    }


@pytest.mark.parametrize("role", ["salesperson", "analyst"])
def test_salespeople_and_analysts_may_not_read_records(client_as, request, role, records):
    response = client_as(request.getfixturevalue(role)).get(reverse("reports:downloads"))
    assert response.status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("reports:downloads"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_frozen_submission_keeps_and_shows_its_row_count(
    client_as, office, manager, team, salesperson, salesperson2, monkeypatch
):
    """The record of a frozen file's download says how many rows it holds, as an export's does;
    the office's board shows it beside the submission."""
    import reports.services as report_services

    monkeypatch.setattr(report_services, "to_pdf", lambda *a, **k: b"%PDF-")
    sub = report_services.submission_create(
        team=team, code="weekly-work", period=Period.parse("2026-W46"), by=manager
    )
    assert sub.rows == 2  # one row per salesperson of the team
    response = client_as(office).get(reverse("reports:download", args=[sub.pk, "xlsx"]))
    assert response.status_code == 200
    assert DownloadRecord.objects.get().rows == 2
    board = client_as(office).get(reverse("reports:board")).content.decode()
    assert '<span data-rows="2">2 行</span>' in board
