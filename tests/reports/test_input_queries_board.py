"""Bad input answers 400/404 (never 500), periods, bounded query counts, and
the submission board's on time / late / missing with history."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import services
from reports.definitions import REPORTS
from reports.models import Submission
from reports.submissions import due_at, status_board
from salesops import clock
from salesops.periods import Period
from tests.factories import UserFactory
from tests.visits.factories import ClientFactory, VisitFactory
from visits.models import Deposit

pytestmark = pytest.mark.django_db


@pytest.fixture
def sub(team, manager):
    return services.submission_create(
        team=team, code="weekly-work", period=Period.parse("2026-W46"), by=manager
    )


@pytest.mark.parametrize(
    "url, status",
    [
        ("/reports/weekly-work/2026-W60/", 400),
        ("/reports/weekly-work/9999-W01/", 400),
        ("/reports/monthly-work/9999-12/", 400),
        ("/reports/monthly-work/1999-12/", 400),
        ("/reports/monthly-work/2026-00/", 400),
        ("/reports/monthly-work/2026-11-05/", 400),
        ("/reports/monthly-work/2026-W46/", 400),
        ("/reports/monthly-work/2026-11/?format=docx", 400),
        ("/reports/pack/2026-11/", 400),
        ("/reports/nonsense/2026-11/", 404),
        ("/reports/nonsense/", 404),
        ("/reports/weekly-work/2026-W46/?team=abc", 404),
        ("/reports/weekly-work/2026-W46/?team=99999999999999999999999", 404),
        ("/reports/weekly-work/2026-W46/?salesperson=-1", 404),
        ("/reports/weekly-work/2026-W46/?page=abc", 200),
        ("/reports/weekly-work/2026-W46/?sort=nonsense", 200),
        ("/reports/submissions/999999/pdf/", 404),
        ("/reports/submissions/1/exe/", 404),
    ],
)
def test_bad_input_is_a_clear_answer_never_a_500(client_as, manager, url, status):
    response = client_as(manager).get(url)
    assert response.status_code == status, url
    if status == 400:
        assert "请" in response.content.decode() or "超出" in response.content.decode()


def test_filters_outside_scope_are_404(client_as, manager, other_team, other_salesperson):
    c = client_as(manager)
    assert c.get(f"/reports/weekly-work/2026-W46/?team={other_team.pk}").status_code == 404
    url = f"/reports/weekly-work/2026-W46/?salesperson={other_salesperson.pk}&format=xlsx"
    assert c.get(url).status_code == 404


def test_periods():
    w48 = Period.parse("2026-W48")
    assert (w48.label, w48.key) == ("2026年第48周（11月23日—11月29日）", "2026-W48")
    assert Period.parse("2026-11").label == "2026年11月"
    assert Period.parse("2026-W1").key == "2026-W01"
    assert Period.parse("2027-W01").previous().key == "2026-W53"  # 2026 has 53 ISO weeks
    assert Period.parse("2026-12").next().key == "2027-01"
    assert Period.parse("2026-W53").next().label == "2027年第1周（1月4日—1月10日）"
    assert Period.last_complete("week", dt.date(2026, 11, 26)).key == "2026-W47"
    assert Period.last_complete("week", dt.date(2026, 11, 23)).key == "2026-W47"
    assert Period.last_complete("month", dt.date(2026, 1, 3)).key == "2025-12"
    assert (w48.working_days, Period.parse("2026-11").working_days) == (5, 21)


def _grow(team, n):
    for _ in range(n):
        sp = UserFactory(team=team, role="salesperson")
        client = ClientFactory(salesperson=sp)
        VisitFactory(client=client, date=dt.date(2026, 11, 10))
        Deposit.objects.create(client=client, date=dt.date(2026, 11, 11), amount=5, recorded_by=sp)


@pytest.mark.parametrize("code", list(REPORTS))
def test_query_count_does_not_grow_with_people_or_clients(client_as, manager, team, code):
    period = "2026-W46" if REPORTS[code].period_kind == "week" else "2026-11"
    counts = []
    for n in (2, 18):  # 2 salespeople and clients, then 20
        _grow(team, n)
        c = client_as(manager)
        per_form = []
        for suffix in ("", "?format=xlsx", "?format=pdf"):
            with CaptureQueriesContext(connection) as ctx:
                assert c.get(f"/reports/{code}/{period}/{suffix}").status_code == 200
            per_form.append(len(ctx))
        counts.append(per_form)
    assert counts[0] == counts[1], counts


def test_board_and_pack_query_counts_do_not_grow(client_as, manager, office, team):
    counts = []
    for n in (2, 18):
        _grow(team, n)
        per_view = []
        for user, url in ((office, "/reports/submissions/"), (manager, "/reports/pack/2026-W46/")):
            c = client_as(user)
            with CaptureQueriesContext(connection) as ctx:
                assert c.get(url).status_code == 200
            per_view.append(len(ctx))
        counts.append(per_view)
    assert counts[0] == counts[1], counts


def test_board_on_time_late_missing_and_history(team, manager, office, dept):
    today = clock.today()
    last = Period.last_complete("week", today)
    before = last.previous()
    # the round of ``before``: its statistics, due the Monday after it at 12:00, and the plan table
    # of the week after it (``last``), due that same Monday at 10:00
    due = due_at(before)
    plan_due = due_at(last, "weekly-plan")
    assert plan_due == due - dt.timedelta(hours=2)
    with clock.clock_at(plan_due - dt.timedelta(hours=1)):
        on_time = services.submission_create(team=team, code="weekly-plan", period=last, by=manager)
    with clock.clock_at(due + dt.timedelta(minutes=1)):
        late = services.submission_create(team=team, code="weekly-sales", period=before, by=manager)
        # a resubmission: history is kept, the newest counts (here: late)
        newer = services.submission_create(team=team, code="weekly-plan", period=last, by=manager)
    assert Submission.objects.filter(code="weekly-plan", period_key=last.key).count() == 2
    board = status_board(office)
    block = next(b for b in board if b["period"] == before and b["team"] == team)
    states = {cell["defn"].code: (cell["state"], cell["submission"]) for cell in block["cells"]}
    assert states["weekly-plan"] == ("late", newer)
    assert states["weekly-sales"] == ("late", late)
    assert states["weekly-work"] == ("missing", None)
    assert on_time.on_time and not newer.on_time
    page = client_as_office_board(office)
    assert "逾期上报" in page and "未上报" in page


def client_as_office_board(office):
    from django.test import Client

    c = Client()
    c.force_login(office)
    return c.get("/reports/submissions/").content.decode()


def test_acknowledge_once_by_the_office_only(client_as, sub, manager, office):
    assert client_as(manager).post(f"/reports/submissions/{sub.pk}/acknowledge/").status_code == 403
    sub.refresh_from_db()
    assert sub.acknowledged_at is None
    client_as(office).post(f"/reports/submissions/{sub.pk}/acknowledge/")
    sub.refresh_from_db()
    first = sub.acknowledged_at
    assert sub.acknowledged_by == office and first
    client_as(office).post(f"/reports/submissions/{sub.pk}/acknowledge/")  # again: no change
    sub.refresh_from_db()
    assert sub.acknowledged_at == first


def test_frozen_pdf_does_not_change_either(dept, team, manager):
    sub = services.submission_create(
        team=team, code="weekly-sales", period=Period.parse("2026-W46"), by=manager
    )
    pdf, xlsx = sub.pdf.read(), sub.xlsx.read()
    Deposit.objects.create(
        client=dept["c2"], date=dt.date(2026, 11, 14), amount=999, recorded_by=manager
    )
    sub = Submission.objects.get(pk=sub.pk)
    assert (sub.pdf.open("rb").read(), sub.xlsx.open("rb").read()) == (pdf, xlsx)
    fresh = services.submission_create(
        team=team, code="weekly-sales", period=Period.parse("2026-W46"), by=manager
    )
    assert fresh.xlsx.read() != xlsx  # a new submission has the new numbers


def test_report_page_shows_the_managers_submission_state(client_as, manager, team, dept):
    c = client_as(manager)
    assert "未上报" in c.get("/reports/weekly-work/2026-W46/").content.decode()
    services.submission_create(
        team=team, code="weekly-work", period=Period.parse("2026-W46"), by=manager
    )
    page = c.get("/reports/weekly-work/2026-W46/").content.decode()
    assert "逾期上报" in page and "待办公室签收" in page  # submitted now, long after 11-16 12:00


def test_home_pages_count_what_waits_for_the_office(client_as, office, sub):
    from reports.submissions import home_context

    assert "report_board" in home_context(office)
    assert client_as(office).get("/").status_code == 200
