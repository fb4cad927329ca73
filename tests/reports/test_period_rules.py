"""docs/design.md §Periods: totals ratios from the same rows, planned work of
submitted / approved plans only, a running period counted to date (截至), working days of the mainland
China calendar with a warning for a year not loaded — each in the HTML page, the .xlsx and the PDF.
"""

import datetime as dt
import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from plans.models import MonthlySalesPlan, SalesTask, VisitPlan, VisitPlanItem, WorkLog
from reports.definitions import REPORTS
from reports.queries import ReportScope
from salesops import clock
from salesops.periods import Period
from salesops.services import clock_at
from tests.factories import UserFactory
from tests.visits.factories import ClientFactory, VisitFactory
from visits.models import Deposit
from workcalendar.models import WorkCalendarYear

from .conftest import at

pytestmark = pytest.mark.django_db
D = dt.date


def three_forms(client, code, period):
    """(HTML text, .xlsx rows as tuples, PDF text) of one report; spaces squashed out of the PDF."""
    url = f"/reports/{code}/{period}/"
    page = client.get(url)
    assert page.status_code == 200
    ws = load_workbook(BytesIO(client.get(url + "?format=xlsx").content)).active
    pdf = PdfReader(BytesIO(client.get(url + "?format=pdf").content))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pdf.pages))
    return page.content.decode(), list(ws.values), text


def xlsx_row(values, first):
    return next(v for v in values if v[0] == first)


def xlsx_col(values, code, key):
    head = next(i for i, v in enumerate(values) if v[0] == REPORTS[code].columns[0].title)
    titles = list(values[head])
    return titles.index(str(next(c.title for c in REPORTS[code].columns if c.key == key)))


def rows(code, user, period):
    return {
        r["salesperson"]: r for r in REPORTS[code].query(ReportScope(user), Period.parse(period))
    }


# --- totals ratios from the same rows -------------------------------------------------------------


@pytest.fixture
def unannounced_team(dept, other_team, other_manager, other_salesperson):
    """营销二部 has a task for 黄伟 but has not announced November; 黄伟 brought in 1,000,000."""
    outsider = other_salesperson.clients.get()
    Deposit.objects.create(
        client=outsider,
        date=D(2026, 11, 16),
        amount=Decimal("1000000"),
        recorded_by=other_salesperson,
    )
    SalesTask.objects.create(
        team=other_team,
        salesperson=other_salesperson,
        month=D(2026, 11, 1),
        target_visits=5,
        target_new_clients=1,
        target_accounts=1,
        target_deposit_amount=Decimal("200000"),
        assigned_by=other_manager,
    )
    MonthlySalesPlan.objects.create(
        team=other_team,
        month=D(2026, 11, 1),
        sales_plan="方案",
        reward_plan="奖励",
        author=other_manager,
    )


@pytest.mark.parametrize(
    ("code", "period", "actual_key"),
    [("monthly-sales", "2026-11", "deposit_amount"), ("weekly-sales", "2026-W47", "mtd_deposit")],
)
def test_totals_completion_counts_only_people_with_an_announced_target(
    unannounced_team, client_as, office, code, period, actual_key
):
    # by hand: 营销一部 announced — 王芳 150,000.50 of 300,000, 李强 0 of 100,000; 营销二部 not
    # announced — 黄伟 1,000,000 with no target. Totals: actual 1,150,000.50 over every row, target
    # 400,000; completion = (150,000.50 + 0) / 400,000 = 37.5 % (not 1,150,000.50 / 400,000 = 287.5 %)
    r = rows(code, office, period)
    assert r["黄伟"][actual_key] == Decimal("1000000.00")
    assert (r["黄伟"]["target_deposit"], r["黄伟"]["completion"]) == (None, None)
    page, values, pdf = three_forms(client_as(office), code, period)
    total = xlsx_row(values, "合计")
    assert total[xlsx_col(values, code, actual_key)] == pytest.approx(1150000.50)
    assert total[xlsx_col(values, code, "target_deposit")] == pytest.approx(400000)
    assert total[xlsx_col(values, code, "completion")] == pytest.approx(0.375)
    for text in (page, pdf):
        assert "37.5%" in text
        assert "287.5%" not in text


def test_totals_win_rate_and_execution_still_cover_every_row(dept, manager):
    from reports.render import totals

    total = totals(REPORTS["weekly-work"], list(rows("weekly-work", manager, "2026-W46").values()))
    assert (total["items_done"], total["items_planned"], total["execution"]) == (
        3,
        4,
        Decimal("0.7500"),
    )


# --- planned work: submitted or approved plans only --------------------------------------------


def test_draft_and_returned_plans_are_not_planned_work(dept, team, manager, client_as):
    c = UserFactory(username="sales3", full_name="赵六", team=team)
    d = UserFactory(username="sales4", full_name="钱七", team=team)
    for person, status, days in ((c, "draft", (10, 11)), (d, "returned", (12,))):
        plan = VisitPlan.objects.create(
            owner=person,
            team=team,
            horizon="week",
            period_start=D(2026, 11, 9),
            period_end=D(2026, 11, 15),
            status=status,
            return_reason="补充客户" if status == "returned" else "",
        )
        for day in days:
            VisitPlanItem.objects.create(
                plan=plan, date=D(2026, 11, day), prospect_name="潜客", purpose="first"
            )
    # by hand: 王芳 3 planned (approved), 李强 1 (submitted), 赵六 0 (draft), 钱七 0 (returned);
    # done 2 + 1 → 执行率 3 / 4 = 75.0 % (counting drafts it would be 3 / 7 = 42.9 %)
    r = rows("weekly-work", manager, "2026-W46")
    assert [r[n]["items_planned"] for n in ("王芳", "李强", "赵六", "钱七")] == [3, 1, 0, 0]
    assert (r["赵六"]["execution"], r["钱七"]["execution"]) == (None, None)
    page, values, pdf = three_forms(client_as(manager), "weekly-work", "2026-W46")
    planned = xlsx_col(values, "weekly-work", "items_planned")
    assert xlsx_row(values, "赵六")[planned] == 0
    assert xlsx_row(values, "钱七")[planned] == 0
    assert xlsx_row(values, "合计")[planned] == 4
    assert xlsx_row(values, "合计")[xlsx_col(values, "weekly-work", "execution")] == 0.75
    for text in (page, pdf):
        assert "75.0%" in text
        assert "42.9%" not in text


# --- a running period is counted to date ----------------------------------------------------------


@pytest.fixture
def running_week(salesperson, team):
    """Week 48 (11-23 Mon .. 11-29 Sun) seen on Wednesday 11-25."""
    client = ClientFactory(salesperson=salesperson, name="客户戊", status="visited")
    visit = VisitFactory(client=client, date=D(2026, 11, 23), purpose="first")
    plan = VisitPlan.objects.create(
        owner=salesperson,
        team=team,
        horizon="week",
        period_start=D(2026, 11, 23),
        period_end=D(2026, 11, 29),
        status="approved",
    )
    VisitPlanItem.objects.create(plan=plan, date=D(2026, 11, 23), client=client, visit=visit)
    VisitPlanItem.objects.create(plan=plan, date=D(2026, 11, 25), prospect_name="周先生")
    VisitPlanItem.objects.create(plan=plan, date=D(2026, 11, 27), prospect_name="吴女士")
    for day in (23, 24, 26):  # the 26th's log was written ahead of time
        WorkLog.objects.create(
            salesperson=salesperson, team=team, date=D(2026, 11, day), content="日志"
        )
    ClientFactory(salesperson=salesperson, status="failed", revisit_due=D(2026, 11, 24))
    ClientFactory(salesperson=salesperson, status="plan_ready", revisit_due=D(2026, 11, 25))
    ClientFactory(salesperson=salesperson, status="plan_ready", revisit_due=D(2026, 11, 27))
    with clock_at(at(D(2026, 11, 25))):
        yield


def test_a_running_week_counts_to_date(running_week, salesperson, client_as):
    # by hand, Monday 23 to Wednesday 25: items planned 23 (done) and 25 → 2, done 1, 50.0 %;
    # logs 23 and 24 → 2; working days 3; overdue: due 24 (before today) → 1, due 25 and 27 not yet
    a = rows("weekly-work", salesperson, "2026-W48")["王芳"]
    got = {k: a[k] for k in ("visits", "items_planned", "items_done", "execution", "logs")}
    assert got == {
        "visits": 1,
        "items_planned": 2,
        "items_done": 1,
        "execution": Decimal("0.5000"),
        "logs": 2,
    }
    assert (a["working_days"], a["overdue"]) == (3, 1)
    page, values, pdf = three_forms(client_as(salesperson), "weekly-work", "2026-W48")
    assert "截至 2026-11-25" in page
    assert "截至 2026-11-25" in values[0][0]
    assert "截至2026-11-25" in pdf
    row = xlsx_row(values, "王芳")
    for key, want in (("items_planned", 2), ("logs", 2), ("working_days", 3), ("overdue", 1)):
        assert row[xlsx_col(values, "weekly-work", key)] == want, key
    for text in (page, pdf):
        assert "50.0%" in text


def test_a_running_month_counts_working_days_to_date(running_week, salesperson, client_as):
    # November 2 (Mon) .. 25 (Wed): 5 + 5 + 5 + 3 = 18 working days
    assert rows("monthly-work", salesperson, "2026-11")["王芳"]["working_days"] == 18
    page, values, pdf = three_forms(client_as(salesperson), "monthly-sales", "2026-11")
    assert "截至 2026-11-25" in page and "截至 2026-11-25" in values[0][0]
    assert "截至2026-11-25" in pdf


def test_a_closed_period_counts_whole_and_says_no_as_of(running_week, salesperson, client_as):
    # on 11-30 the week is over: every item, every log, 5 working days, all three dues (24, 25, 27)
    with clock_at(at(D(2026, 11, 30))):
        a = rows("weekly-work", salesperson, "2026-W48")["王芳"]
        assert (a["items_planned"], a["logs"], a["working_days"], a["overdue"]) == (3, 3, 5, 3)
        page, values, pdf = three_forms(client_as(salesperson), "weekly-work", "2026-W48")
    assert "截至" not in values[0][0] and "截至" not in pdf and "截至 2026" not in page


def test_plan_tables_are_not_counted_to_date(running_week, salesperson, client_as):
    items = REPORTS["weekly-plan"].query(ReportScope(salesperson), Period.parse("2026-W48"))
    assert len(items) == 3  # the plan looks ahead: the 27th's item is listed
    page, values, pdf = three_forms(client_as(salesperson), "weekly-plan", "2026-W48")
    assert "截至" not in values[0][0]


# --- working days by the calendar -----------------------------------------------------------------


def test_october_counts_the_national_day_holiday(salesperson, client_as):
    # 22 weekdays − 国庆节 on 1, 2, 5, 6, 7 + 调休 Saturday the 10th = 18
    assert rows("monthly-work", salesperson, "2026-10")["王芳"]["working_days"] == 18
    page, values, pdf = three_forms(client_as(salesperson), "monthly-work", "2026-10")
    assert xlsx_row(values, "王芳")[xlsx_col(values, "monthly-work", "working_days")] == 18
    assert "工作日历缺少" not in page + pdf


def test_a_year_missing_from_the_calendar_is_a_warning(salesperson, client_as):
    WorkCalendarYear.objects.filter(year=2026).delete()
    c = client_as(salesperson)
    page, values, pdf = three_forms(c, "weekly-work", "2026-W46")
    assert "工作日历缺少 2026 年" in page
    assert any(v[0] and "工作日历缺少 2026 年" in v[0] for v in values)
    assert "工作日历缺少2026年" in pdf
    # reports that do not use working days say nothing
    assert "工作日历缺少" not in c.get("/reports/weekly-sales/2026-W46/").content.decode()


# --- report 7 as of the month's end ---------------------------------------------------------------


@pytest.fixture
def funded_in_november(salesperson):
    """客户己: registered and first visited in October, opened and funded in November."""
    from django.contrib.contenttypes.models import ContentType
    from django_fsm_log.models import StateLog

    from visits.models import AccountOpening, Client

    c = ClientFactory(salesperson=salesperson, name="客户己", status="funded")
    Client.objects.filter(pk=c.pk).update(created_at=at(D(2026, 10, 5)))
    VisitFactory(client=c, date=D(2026, 10, 10), purpose="first")
    VisitFactory(client=c, date=D(2026, 11, 4), purpose="plan_revisit")
    ct = ContentType.objects.get_for_model(Client)
    for day, source, state in (
        (D(2026, 10, 10), "prospect", "visited"),
        (D(2026, 10, 20), "visited", "needs_analyzed"),
        (D(2026, 11, 4), "needs_analyzed", "revisited"),
        (D(2026, 11, 12), "revisited", "account_opened"),
        (D(2026, 11, 13), "account_opened", "funded"),
    ):
        StateLog.objects.create(
            content_type=ct,
            object_id=c.pk,
            source_state=source,
            state=state,
            transition="t",
            timestamp=at(day),
        )
    AccountOpening.objects.create(
        client=c, date=D(2026, 11, 12), account_number="310009", recorded_by=salesperson
    )
    Deposit.objects.create(
        client=c, date=D(2026, 11, 13), amount=Decimal("80000"), recorded_by=salesperson
    )
    # a client the log never saw keeps its current state
    never = ClientFactory(salesperson=salesperson, name="客户庚", status="visited")
    Client.objects.filter(pk=never.pk).update(created_at=at(D(2026, 10, 6)))
    return c


def test_target_clients_of_a_closed_month_are_as_of_its_end(
    funded_in_november, salesperson, client_as
):
    # by hand, on 10-31: 需求已分析 (the log's last state before November), one visit, no opening,
    # no deposit; in November: 已入金, two visits, opened 11-12, 80,000.00
    rows7 = {
        r["name"]: r
        for r in REPORTS["target-clients"].query(ReportScope(salesperson), Period.parse("2026-10"))
    }
    c = rows7["客户己"]
    assert (c["status"], c["visit_count"], c["opened_on"], c["deposits"]) == (
        "需求已分析",
        1,
        None,
        Decimal("0"),
    )
    assert rows7["客户庚"]["status"] == "已拜访"
    page, values, pdf = three_forms(client_as(salesperson), "target-clients", "2026-10")
    head = values.index(next(v for v in values if v[0] == "客户姓名"))
    titles = list(values[head])
    row = xlsx_row(values, "客户己")
    assert row[titles.index("状态")] == "需求已分析"
    assert row[titles.index("开户日期")] is None
    assert row[titles.index("入金合计")] == 0
    assert "需求已分析" in page and "已入金" not in page
    assert "需求已分析" in pdf and "已入金" not in pdf
    november = {
        r["name"]: r
        for r in REPORTS["target-clients"].query(ReportScope(salesperson), Period.parse("2026-11"))
    }["客户己"]
    assert (november["status"], november["opened_on"], november["deposits"]) == (
        "已入金",
        D(2026, 11, 12),
        Decimal("80000.00"),
    )


def test_target_clients_of_the_running_month_show_the_state_now(funded_in_november, salesperson):
    with clock_at(at(D(2026, 11, 20))):
        rows7 = REPORTS["target-clients"].query(ReportScope(salesperson), Period.parse("2026-11"))
        assert [r["status"] for r in rows7 if r["name"] == "客户己"] == ["已入金"]


def test_target_clients_sort_by_the_state_at_the_months_end(
    funded_in_november, salesperson, client_as
):
    for sort in ("status", "-status"):
        page = client_as(salesperson).get(f"/reports/target-clients/2026-10/?sort={sort}")
        assert page.status_code == 200
        text = page.content.decode()
        assert "客户庚" in text and "需求已分析" in text and "已入金" not in text


# --- plan tables are due before the period they plan ----------------------------------------------


def test_plan_tables_are_due_before_their_period_statistics_after(settings):
    from django.utils import timezone

    from reports.submissions import due_at

    tz = timezone.get_current_timezone()
    w48, nov = Period.parse("2026-W48"), Period.parse("2026-11")
    assert due_at(w48, "weekly-plan") == dt.datetime(2026, 11, 23, 10, 0, tzinfo=tz)
    assert due_at(nov, "monthly-plan") == dt.datetime(2026, 11, 3, 18, 0, tzinfo=tz)
    assert due_at(w48, "weekly-work") == dt.datetime(2026, 11, 30, 12, 0, tzinfo=tz)
    assert due_at(nov, "monthly-sales") == dt.datetime(2026, 12, 3, 18, 0, tzinfo=tz)
    assert due_at(nov, "target-clients") == dt.datetime(2026, 12, 3, 18, 0, tzinfo=tz)
    settings.REPORT_WEEKLY_PLAN_DUE = {"weekday": 0, "hour": 9, "minute": 30}
    assert due_at(w48, "weekly-plan") == dt.datetime(2026, 11, 23, 9, 30, tzinfo=tz)


@pytest.fixture
def this_week():

    return Period.week_of(clock.today())


def _submit_at(when, **kw):

    from reports import services

    with clock.clock_at(when):
        return services.submission_create(**kw)


def test_board_asks_for_the_coming_plan_tables_by_their_due_times(
    team, manager, office, client_as, this_week
):
    from reports.submissions import due_at, status_board

    last = this_week.previous()
    # this week's plan table was due this Monday 10:00: handed in at 11:00 it is late (by the old
    # rule, due the Monday after the week, it would have counted as on time)
    late = _submit_at(
        due_at(this_week, "weekly-plan") + dt.timedelta(hours=1),
        team=team,
        code="weekly-plan",
        period=this_week,
        by=manager,
    )
    board = {(b["period"], b["team"]): b for b in status_board(office)}
    current = {c["defn"].code: c for c in board[(this_week, team)]["cells"]}
    past = {c["defn"].code: c for c in board[(last, team)]["cells"]}
    # the running week's round asks for next week's plan table, not yet due
    assert (current["weekly-plan"]["period"], current["weekly-plan"]["state"]) == (
        this_week.next(),
        "pending",
    )
    assert (current["weekly-work"]["period"], current["weekly-work"]["state"]) == (
        this_week,
        "pending",
    )
    # last week's round: this week's plan table (late) beside last week's statistics
    assert (past["weekly-plan"]["period"], past["weekly-plan"]["submission"]) == (this_week, late)
    assert past["weekly-plan"]["state"] == "late" and not late.on_time
    assert past["weekly-work"]["period"] == last
    page = client_as(office).get("/reports/submissions/").content.decode()
    assert f'data-asked-period="{this_week.next().key}"' in page
    assert f'data-asked-period="{this_week.key}"' in page


def test_plan_table_on_time_before_monday_ten(team, manager, this_week):
    from reports.submissions import due_at

    sub = _submit_at(
        due_at(this_week, "weekly-plan") - dt.timedelta(minutes=1),
        team=team,
        code="weekly-plan",
        period=this_week,
        by=manager,
    )
    assert sub.on_time and sub.due_at == due_at(this_week, "weekly-plan")


def test_the_coming_plan_table_may_be_submitted_but_not_later_ones(
    team, manager, client_as, this_week
):
    from reports.models import Submission

    c = client_as(manager)
    coming = this_week.next()
    response = c.post(f"/reports/weekly-plan/{coming.key}/submit/")
    assert response.status_code == 302
    assert Submission.objects.filter(code="weekly-plan", period_key=coming.key).count() == 1
    for code, period in (("weekly-plan", coming.next()), ("weekly-work", coming)):
        c.post(f"/reports/{code}/{period.key}/submit/")
        assert not Submission.objects.filter(code=code, period_key=period.key).exists()


def test_submit_week_hands_in_the_round(team, manager, client_as, this_week):
    from reports.models import Submission

    last = this_week.previous()
    response = client_as(manager).post(f"/reports/pack/{last.key}/submit/")
    assert response.status_code == 302 and response["Location"] == "/reports/submissions/"
    got = set(Submission.objects.values_list("code", "period_key"))
    assert got == {
        ("weekly-plan", this_week.key),
        ("weekly-sales", last.key),
        ("weekly-work", last.key),
    }


def test_the_report_page_shows_the_plan_tables_due_time(manager, client_as):
    page = client_as(manager).get("/reports/weekly-plan/2026-W48/").content.decode()
    assert "上报截止 11-23 10:00" in page


# --- English -------------------------------------------------------------------------------------


CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def test_english_reports_are_english_in_every_form(dept, manager, client_as):
    from django.utils import translation

    from reports.render import fmt

    defn = REPORTS["monthly-sales"]
    with translation.override("en"):
        title = str(defn.title)
        titles = [str(c.title) for c in defn.columns]
    assert title == "Monthly sales statistics" and "Salesperson" in titles
    c = client_as(manager)
    url = "/reports/monthly-sales/2026-11/"
    page = c.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    ws = load_workbook(
        BytesIO(c.get(url + "?format=xlsx", HTTP_ACCEPT_LANGUAGE="en").content)
    ).active
    values = list(ws.values)
    pdf = re.sub(
        r"\s+",
        "",
        "".join(
            p.extract_text()
            for p in PdfReader(
                BytesIO(c.get(url + "?format=pdf", HTTP_ACCEPT_LANGUAGE="en").content)
            ).pages
        ),
    )
    # the page: title, period, headers
    assert f">{title}<" in page and "November 2026" in page
    assert all(f">{t}<" in page or t in page for t in titles)
    assert "销售情况月统计表" not in page and "2026年11月" not in page
    # the .xlsx: title row, header block and column headers in English
    assert values[0][0].startswith(title) and "November 2026" in values[0][0]
    assert "Department: Sales department" in [v[0] for v in values]
    head = next(v for v in values if v[0] == "Salesperson")
    assert list(head) == titles
    assert not any(CJK.search(str(cell)) for cell in head)
    # the PDF: title, period and headers
    assert title.replace(" ", "") in pdf and "November2026" in pdf
    assert "Salesperson" in pdf and "Completionrate" in pdf and "营销人员" not in pdf
    # the numbers are the same whatever the language
    assert fmt(defn.columns[8], Decimal("150000.50")) in page and "150,000.50" in pdf


def test_the_chinese_interface_has_no_english_subtitles(manager, client_as):
    c = client_as(manager)
    index = c.get("/reports/").content.decode()
    page = c.get("/reports/monthly-sales/2026-11/").content.decode()
    for defn in REPORTS.values():
        assert defn.title_en not in index
    assert "Monthly sales statistics" not in page
    assert "2026年11月" in page
