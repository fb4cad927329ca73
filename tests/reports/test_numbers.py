"""Every column of every report, checked against numbers worked out by hand, in all three forms."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.definitions import REPORTS
from reports.queries import ReportScope
from reports.render import fmt, totals
from salesops import services as clock
from salesops.periods import Period
from tests.visits.factories import ClientFactory

pytestmark = pytest.mark.django_db
W46, NOV = Period.parse("2026-W46"), Period.parse("2026-11")


def rows(code, user, period, **kw):
    return {r[next(iter(r))]: r for r in REPORTS[code].query(ReportScope(user, **kw), period)}


def test_weekly_work_numbers(dept, manager):
    r = rows("weekly-work", manager, W46)
    assert set(r) == {"王芳", "李强"}  # the other team's salesperson is not the manager's
    a = {k: v for k, v in r["王芳"].items() if k not in ("salesperson", "team")}
    assert a == {
        "visits": 3,
        "onsite": 2,
        "invited": 1,
        "first_visits": 1,
        "revisits": 2,
        "new_clients": 1,
        "reported": 1,
        "items_planned": 3,
        "items_done": 2,
        "execution": Decimal("0.6667"),
        "logs": 3,
        "working_days": 5,
        "overdue": 1,
        "training_hours": 0,  # computed for both work reports, shown in report 6 only
    }
    b = {k: v for k, v in r["李强"].items() if k not in ("salesperson", "team")}
    assert b == {
        "visits": 1,
        "onsite": 0,
        "invited": 1,
        "first_visits": 0,
        "revisits": 0,
        "new_clients": 1,
        "reported": 0,
        "items_planned": 1,
        "items_done": 1,
        "execution": Decimal("1.0000"),
        "logs": 1,
        "working_days": 5,
        "overdue": 0,
        "training_hours": 0,
    }
    total = totals(REPORTS["weekly-work"], list(r.values()))
    assert (total["visits"], total["items_planned"], total["items_done"], total["execution"]) == (
        4,
        4,
        3,
        Decimal("0.7500"),
    )


def test_monthly_work_counts_the_whole_month(dept, manager):
    a = rows("monthly-work", manager, NOV)["王芳"]
    assert (a["visits"], a["working_days"], a["new_clients"]) == (4, 21, 1)


def test_weekly_sales_numbers(dept, manager):
    r = rows("weekly-sales", manager, W46)
    a, b = r["王芳"], r["李强"]
    assert (a["attempts"], a["won"], a["lost"], a["win_rate"]) == (1, 1, 1, Decimal("0.5000"))
    assert (a["accounts"], a["deposit_count"], a["deposit_amount"]) == (1, 1, Decimal("100000.00"))
    assert (a["mtd_deposit"], a["target_deposit"], a["completion"]) == (
        Decimal("100000.00"),
        Decimal("300000.00"),
        Decimal("0.3333"),
    )
    assert (b["attempts"], b["won"], b["lost"], b["win_rate"]) == (1, 0, 0, None)
    assert (b["deposit_amount"], b["completion"]) == (Decimal("0"), Decimal("0.0000"))


def test_monthly_sales_numbers(dept, manager):
    a = rows("monthly-sales", manager, NOV)["王芳"]
    assert (a["attempts"], a["won"], a["lost"], a["win_rate"], a["accounts"]) == (
        2,
        1,
        1,
        Decimal("0.5000"),
        1,
    )
    assert (a["deposit_count"], a["deposit_amount"]) == (2, Decimal("150000.50"))
    assert (a["target_accounts"], a["target_deposit"], a["completion"]) == (
        2,
        Decimal("300000.00"),
        Decimal("0.5000"),
    )


def test_completion_is_blank_without_an_announced_task(dept, manager):
    from plans.models import MonthlySalesPlan

    MonthlySalesPlan.objects.update(announced_at=None)
    a = rows("monthly-sales", manager, NOV)["王芳"]
    assert (a["target_deposit"], a["completion"]) == (None, None)


def test_weekly_plan_rows(dept, manager):
    items = REPORTS["weekly-plan"].query(ReportScope(manager), W46)
    assert len(items) == 4
    first = next(i for i in items if i["client"] == "客户甲")
    assert first == {
        "salesperson": "王芳",
        "plan_status": "已通过",
        "date": dt.date(2026, 11, 10),
        "client": "客户甲",
        "purpose": "初访",
        "key": "重点",
        "done": "已完成 11-10",
        "note": "",
    }
    assert next(i for i in items if i["client"] == "赵先生")["done"] == "未完成"


def test_monthly_plan_rows(dept, manager):
    a = rows("monthly-plan", manager, NOV)["王芳"]
    assert a == {
        "salesperson": "王芳",
        "team": "营销一部",
        "plan_status": "未制定",
        "target_visits": 20,
        "target_new_clients": 4,
        "target_accounts": 2,
        "target_deposit": Decimal("300000.00"),
        "letter_status": "审核通过",
        "announced": "已宣布",
        "key_clients": "客户甲",
    }


def test_target_client_rows(dept, manager):
    r = {row["name"]: row for row in REPORTS["target-clients"].query(ReportScope(manager), NOV)}
    assert set(r) == {"客户甲", "客户乙", "客户丙", "客户丁"}
    c2 = r["客户乙"]
    assert (c2["visit_count"], c2["first_visit"], c2["last_visit"]) == (
        2,
        dt.date(2026, 11, 11),
        dt.date(2026, 11, 20),
    )
    assert (c2["opened_on"], c2["deposits"], c2["status"], c2["salesperson"]) == (
        dt.date(2026, 11, 12),
        Decimal("150000.50"),
        "已入金",
        "王芳",
    )
    assert r["客户丙"]["revisit_due"] == dt.date(2026, 11, 5)


def test_salesperson_sees_only_own_rows(dept, salesperson):
    assert set(rows("weekly-work", salesperson, W46)) == {"王芳"}
    names = {r["name"] for r in REPORTS["target-clients"].query(ReportScope(salesperson), NOV)}
    assert names == {"客户甲", "客户乙", "客户丙"}


def test_office_sees_every_team(dept, office, other_salesperson):
    assert "黄伟" in rows("weekly-work", office, W46)


@pytest.mark.parametrize("code", list(REPORTS))
def test_xlsx_and_pdf_carry_the_same_numbers(dept, client_as, manager, code):
    defn = REPORTS[code]
    period = W46 if defn.period_kind == "week" else NOV
    expected = defn.query(ReportScope(manager), period)
    c = client_as(manager)
    xlsx = c.get(f"/reports/{code}/{period.key}/?format=xlsx")
    assert xlsx.status_code == 200
    ws = load_workbook(BytesIO(xlsx.content)).active
    values = list(ws.values)
    head = next(i for i, v in enumerate(values) if v[0] == defn.columns[0].title)
    assert [v for v in values[head]] == [col.title for col in defn.columns]
    body = values[head + 1 : head + 1 + len(expected)]
    for got, want in zip(body, expected, strict=True):
        for value, col in zip(got, defn.columns, strict=True):
            raw = want[col.key]
            if raw is None or raw == "":
                assert value in (None, ""), (col.key, value)
            elif col.kind in ("money", "percent", "hours"):
                assert Decimal(str(value)).quantize(Decimal("0.0001")) == Decimal(raw).quantize(
                    Decimal("0.0001")
                ), col.key
            elif col.kind == "date":
                assert value.date() == raw
            else:
                assert value == raw, (col.key, value, raw)
    pdf = c.get(f"/reports/{code}/{period.key}/?format=pdf")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages).replace(" ", "")
    assert str(defn.title) in text
    for want in expected:
        for col in defn.columns:
            if col.kind in ("int", "money", "percent", "hours") and want[col.key] is not None:
                assert fmt(col, want[col.key]) in text, (col.key, fmt(col, want[col.key]))
    html = c.get(f"/reports/{code}/{period.key}/").content.decode()
    for want in expected:
        for col in defn.columns:
            if col.kind in ("money", "percent"):
                assert fmt(col, want[col.key]) in html


def test_hostile_text_stays_inert_in_xlsx(dept, client_as, manager):
    response = client_as(manager).get("/reports/target-clients/2026-11/?format=xlsx")
    ws = load_workbook(BytesIO(response.content)).active
    cells = [
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")
    ]
    assert cells and all(c.data_type == "s" for c in cells)
    response = client_as(manager).get("/reports/weekly-plan/2026-W46/?format=xlsx")
    ws = load_workbook(BytesIO(response.content)).active
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "@SUM(A1)")
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("due_offset", "counted"),
    [(-1, True), (0, True), (1, False)],  # relative to the closed week's last day
)
def test_overdue_in_a_closed_week_is_due_before_the_day_after_it(salesperson, due_offset, counted):
    ClientFactory(
        salesperson=salesperson,
        status="plan_ready",
        revisit_due=W46.end + dt.timedelta(days=due_offset),
    )
    assert rows("weekly-work", salesperson, W46)["王芳"]["overdue"] == (1 if counted else 0)


@pytest.mark.parametrize(("due_offset", "counted"), [(-1, True), (0, False)])
def test_overdue_in_the_running_week_is_due_before_today(salesperson, due_offset, counted):
    today = clock.today()  # the reports' clock
    ClientFactory(
        salesperson=salesperson,
        status="failed",
        revisit_due=today + dt.timedelta(days=due_offset),
    )
    week = Period.week_of(today)
    assert rows("weekly-work", salesperson, week)["王芳"]["overdue"] == (1 if counted else 0)


def _training(team, manager, day, hours, present, absent=()):
    from training.models import Attendance, TrainingSession

    session = TrainingSession.objects.create(
        team=team, topic="培训", date=day, hours=Decimal(hours), trainer=manager, created_by=manager
    )
    for person, attended in [(p, True) for p in present] + [(p, False) for p in absent]:
        Attendance.objects.create(
            session=session,
            person=person,
            attended=attended,
            recorded_by=manager,
            recorded_at=timezone.now(),
        )


def test_monthly_work_training_hours(dept, manager, team, other_team, other_salesperson):
    """培训学时 by hand: 王芳 attended 11-05 (2.0) and 11-18 (1.5) = 3.5; 李强 was absent on 11-05
    and attended 11-18 = 1.5; 王芳's 10-30 session (3.0) is October's; the other team's session is
    not this manager's. Totals 5.0."""
    a, b = dept["a"], dept["b"]
    _training(team, manager, dt.date(2026, 11, 5), "2.0", [a], [b])
    _training(team, manager, dt.date(2026, 11, 18), "1.5", [a, b])
    _training(team, manager, dt.date(2026, 10, 30), "3.0", [a])
    _training(other_team, other_team.manager, dt.date(2026, 11, 10), "4.0", [other_salesperson])
    r = rows("monthly-work", manager, NOV)
    assert (r["王芳"]["training_hours"], r["李强"]["training_hours"]) == (
        Decimal("3.5"),
        Decimal("1.5"),
    )
    assert totals(REPORTS["monthly-work"], list(r.values()))["training_hours"] == Decimal("5.0")
    assert rows("monthly-work", manager, Period.parse("2026-10"))["王芳"]["training_hours"] == 3
    assert "training_hours" not in {c.key for c in REPORTS["weekly-work"].columns}
    assert "培训学时" in [str(c.title) for c in REPORTS["monthly-work"].columns]


def test_training_hours_keep_the_query_count_constant(dept, manager, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            list(REPORTS["monthly-work"].query(ReportScope(manager), NOV))
        return len(ctx.captured_queries)

    before = count()
    for day in (3, 10, 17):
        _training(team, manager, dt.date(2026, 11, day), "2", [dept["a"], dept["b"]])
    assert count() == before
