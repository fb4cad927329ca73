"""Report pages, downloads, submissions and the office's board: scope, refusals, freeze, deadlines."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from reports import services
from reports.definitions import REPORTS
from reports.models import Submission
from reports.render import FORMULA_START, _cell
from reports.submissions import due_at, state_of
from salesops import clock
from salesops.pdf import html_to_pdf
from salesops.periods import Period
from tests.factories import UserFactory
from tests.visits.factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_anonymous_goes_to_login(client):
    assert client.get("/reports/weekly-work/2026-W46/")["Location"].startswith("/accounts/login/")


def test_analyst_is_refused(client_as, analyst):
    assert client_as(analyst).get("/reports/weekly-work/2026-W46/").status_code == 403
    assert client_as(analyst).get("/reports/").status_code == 403


@pytest.mark.parametrize("who", ["salesperson", "manager", "office"])
def test_roles_open_every_report(request, client_as, who):
    user = request.getfixturevalue(who)
    c = client_as(user)
    assert c.get("/reports/").status_code == 200
    for code, defn in REPORTS.items():
        period = "2026-W46" if defn.period_kind == "week" else "2026-11"
        assert c.get(f"/reports/{code}/{period}/").status_code == 200


@pytest.mark.parametrize("period", ["2026-W99", "2026-13", "abc", "2026-11-01"])
def test_bad_period_is_400_with_message(client_as, manager, period):
    response = client_as(manager).get(f"/reports/weekly-work/{period}/")
    assert response.status_code == 400
    assert "周" in response.content.decode() or "月" in response.content.decode()


def test_month_period_for_weekly_report_is_400(client_as, manager):
    assert client_as(manager).get("/reports/weekly-work/2026-11/").status_code == 400


def test_unknown_report_is_404(client_as, manager):
    assert client_as(manager).get("/reports/no-such-report/2026-11/").status_code == 404


def test_team_outside_scope_is_404(client_as, manager, other_team):
    assert (
        client_as(manager).get(f"/reports/weekly-work/2026-W46/?team={other_team.pk}").status_code
        == 404
    )


def test_other_salesperson_filter_is_404_for_a_salesperson(client_as, salesperson, salesperson2):
    assert (
        client_as(salesperson)
        .get(f"/reports/weekly-work/2026-W46/?salesperson={salesperson2.pk}")
        .status_code
        == 404
    )


def test_latest_redirects_to_last_complete_period(client_as, manager):
    response = client_as(manager).get("/reports/weekly-work/")
    assert (
        response["Location"]
        == f"/reports/weekly-work/{Period.last_complete('week', clock.today()).key}/"
    )


@pytest.mark.parametrize(
    "code", ["weekly-work", "weekly-sales", "target-clients", "weekly-plan", "monthly-plan"]
)
def test_query_count_does_not_grow(client_as, manager, team, code):
    defn = REPORTS[code]
    period = "2026-W46" if defn.period_kind == "week" else "2026-11"
    counts = []
    for n in (2, 12):
        for _ in range(n):
            sp = UserFactory(team=team, role="salesperson")
            VisitFactory(client=ClientFactory(salesperson=sp), date=dt.date(2026, 11, 10))
        c = client_as(manager)
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(f"/reports/{code}/{period}/").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


def test_due_times():
    tz = timezone.get_current_timezone()
    assert due_at(Period.parse("2026-W46")) == dt.datetime(2026, 11, 16, 12, 0, tzinfo=tz)
    assert due_at(Period.parse("2026-11")) == dt.datetime(2026, 12, 3, 18, 0, tzinfo=tz)


def test_on_time_late_missing():
    due = dt.datetime(2026, 11, 16, 12, tzinfo=dt.UTC)
    assert state_of(None, due, due + dt.timedelta(minutes=1)) == "missing"
    assert state_of(None, due, due - dt.timedelta(minutes=1)) == "pending"
    assert state_of(Submission(submitted_at=due), due, due) == "on_time"
    assert state_of(Submission(submitted_at=due + dt.timedelta(seconds=1)), due, due) == "late"


def test_submission_freezes_files(dept, manager, team):
    sub = services.submission_create(
        team=team, code="weekly-work", period=Period.parse("2026-W46"), by=manager
    )
    frozen_xlsx, frozen_pdf = sub.xlsx.read(), sub.pdf.read()
    VisitFactory(client=dept["c1"], date=dt.date(2026, 11, 12))  # data changes after submitting
    sub = Submission.objects.get(pk=sub.pk)
    assert sub.xlsx.open("rb").read() == frozen_xlsx
    assert sub.pdf.open("rb").read() == frozen_pdf
    ws = load_workbook(BytesIO(frozen_xlsx)).active
    assert any(row[0] == "王芳" and row[2] == 3 for row in ws.values)  # 3 visits then, 4 now


def test_manager_submits_and_office_acknowledges(client_as, manager, office, team, dept):
    response = client_as(manager).post("/reports/weekly-work/2026-W46/submit/")
    assert response.status_code == 302
    sub = Submission.objects.get()
    assert sub.team == team and not sub.on_time  # submitted today, long after 11-16 12:00
    assert client_as(manager).post(f"/reports/submissions/{sub.pk}/acknowledge/").status_code == 403
    assert client_as(office).get(f"/reports/submissions/{sub.pk}/acknowledge/").status_code == 405
    client_as(office).post(f"/reports/submissions/{sub.pk}/acknowledge/")
    sub.refresh_from_db()
    assert sub.acknowledged_by == office
    board = client_as(office).get("/reports/submissions/").content.decode()
    assert "营销一部" in board
    assert client_as(office).get(f"/reports/submissions/{sub.pk}/pdf/").status_code == 200


def test_salesperson_cannot_submit(client_as, salesperson):
    assert client_as(salesperson).post("/reports/weekly-work/2026-W46/submit/").status_code == 403


def test_other_team_manager_cannot_see_submission(client_as, manager, other_manager, team, dept):
    sub = services.submission_create(
        team=team, code="weekly-work", period=Period.parse("2026-W46"), by=manager
    )
    assert client_as(other_manager).get(f"/reports/submissions/{sub.pk}/xlsx/").status_code == 404


def test_weekly_pack_has_one_sheet_per_weekly_report(client_as, manager):
    response = client_as(manager).get("/reports/pack/2026-W46/")
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames == [str(d.title) for d in REPORTS.values() if d.period_kind == "week"]


def test_submit_week_submits_every_weekly_report(client_as, manager):
    client_as(manager).post("/reports/pack/2026-W46/submit/")
    assert sorted(Submission.objects.values_list("code", flat=True)) == [
        "weekly-plan",
        "weekly-sales",
        "weekly-work",
    ]


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd", "=1+1"]
)
def test_formula_strings_are_written_as_text(text, tmp_path):
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([_cell(ws, WriteOnlyCell(ws), text)])
    wb.save(tmp_path / "t.xlsx")
    cell = load_workbook(tmp_path / "t.xlsx").active["A1"]
    assert cell.data_type == "s"
    assert text.startswith(FORMULA_START)


def test_pdf_fetches_nothing_outside_static(monkeypatch):
    fetched = []
    import salesops.pdf as pdf

    real = pdf.safe_url_fetcher

    def spy(url, *a, **k):
        fetched.append(url)
        return real(url, *a, **k)

    monkeypatch.setattr(pdf, "safe_url_fetcher", spy)
    html = '<p>x</p><img src="file:///etc/passwd"><div style="background:url(http://127.0.0.1:9/x)">y</div>'
    assert html_to_pdf(html, budget=0).startswith(b"%PDF")
    assert fetched  # WeasyPrint asked, and was refused
    with pytest.raises(ValueError):
        real("file:///etc/passwd")
    with pytest.raises(ValueError):
        real("http://127.0.0.1:9/x")


def test_font_check_warns_without_font(monkeypatch):
    from reports import checks

    monkeypatch.setattr(checks, "chinese_font_available", lambda: False)
    assert checks.check_chinese_font(None)[0].id == "reports.W001"
    monkeypatch.undo()
    assert checks.check_chinese_font(None) == []


@pytest.mark.django_db
def test_the_report_filters_have_accessible_names(client_as, office, team):
    """axe-core: every <select> of the report filter is named by its label (390 and 1366 px)."""
    import re

    html = client_as(office).get("/reports/weekly-work/2026-W46/").content.decode()
    selects = re.findall(r"<select [^>]*>", html)
    assert selects, "the office's report page has its filter"
    for tag in selects:
        found = re.search(r'id="([^"]+)"', tag)
        assert found, tag
        assert f'for="{found.group(1)}"' in html, tag
