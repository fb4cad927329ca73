"""Every column and the totals row of every report, in the HTML page, the .xlsx and the PDF.

The query rows themselves are checked against hand-worked numbers in test_numbers.py and below;
here each form must show exactly those rows.
"""

import datetime as dt
import html
import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from reports.definitions import REPORTS
from reports.queries import ReportScope
from reports.render import fmt, totals
from reports.rows import RowSet
from salesops.periods import Period
from visits.masking import mask_phone

pytestmark = pytest.mark.django_db
W46, NOV = Period.parse("2026-W46"), Period.parse("2026-11")
D = dt.date
Q4 = Decimal("0.0001")


def period_for(defn):
    return W46 if defn.period_kind == "week" else NOV


def same(col, got, want) -> bool:
    if want is None or want == "":
        return got in (None, "")
    if col.kind in ("money", "percent"):
        return Decimal(str(got)).quantize(Q4) == Decimal(want).quantize(Q4)
    if col.kind == "date":
        return got.date() == want
    return got == want


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_target_client_rows_by_hand(dept, manager):
    rows = {r["name"]: r for r in REPORTS["target-clients"].query(ReportScope(manager), NOV)}
    blank = {
        "analyst": "",
        "source": "其他",
        "experience": "",
        "needs": "",
        "risk": "",
        "assessment_level": "未评估",
        "assessment_valid": None,
        "suitability": "—",
        "funds": None,
        "plan": "未制定",
        "remarks": "",
    }
    assert rows["客户甲"] == {
        **blank,
        "name": "客户甲",
        "phone": dept["c1"].phone,
        "salesperson": "王芳",
        "status": "已拜访",
        "first_visit": D(2026, 11, 10),
        "last_visit": D(2026, 11, 10),
        "visit_count": 1,
        "revisit_due": None,
        "opened_on": None,
        "deposits": Decimal("0"),
    }
    assert rows["客户乙"] == {
        **blank,
        "name": "客户乙",
        "phone": '=HYPERLINK("http://x")',
        "salesperson": "王芳",
        "status": "已入金",
        "first_visit": D(2026, 11, 11),
        "last_visit": D(2026, 11, 20),
        "visit_count": 2,
        "revisit_due": None,
        "opened_on": D(2026, 11, 12),
        "deposits": Decimal("150000.50"),
    }
    assert rows["客户丙"]["status"] == "促单失败"
    assert (rows["客户丙"]["revisit_due"], rows["客户丙"]["visit_count"]) == (D(2026, 11, 5), 1)
    assert (rows["客户丁"]["salesperson"], rows["客户丁"]["status"]) == ("李强", "需求已分析")


def test_target_client_details_as_of_month_end(dept, manager, analyst):
    """Visits, deposits and plans after the month's end do not change the month's row."""
    from tests.visits.factories import VisitFactory
    from visits.models import Client, Deposit, InvestmentPlan

    c1 = dept["c1"]
    Client.objects.filter(pk=c1.pk).update(
        analyst=analyst,
        source="referral",
        risk_preference="moderate",
        intended_funds=Decimal("500000"),
        investment_experience="股票十年",
        investment_needs="稳健增值",
        remarks="重点客户",
    )
    from django.utils import timezone

    def plan(day, risk):
        made = InvestmentPlan.objects.create(
            client=c1, analyst=analyst, content="方案", risk_level=risk
        )
        when = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
        InvestmentPlan.objects.filter(pk=made.pk).update(created_at=when)

    plan(D(2026, 11, 15), "R3")
    plan(D(2026, 12, 2), "R5")  # after the month: November's row still shows the R3 plan
    VisitFactory(client=c1, date=D(2026, 12, 2))
    Deposit.objects.create(client=dept["c2"], date=D(2026, 12, 1), amount=1, recorded_by=manager)
    rows = {r["name"]: r for r in REPORTS["target-clients"].query(ReportScope(manager), NOV)}
    a = rows["客户甲"]
    assert (a["analyst"], a["source"], a["risk"], a["funds"]) == (
        "周敏",
        "客户转介绍",
        "稳健型",
        Decimal("500000.00"),
    )
    assert (a["experience"], a["needs"], a["remarks"]) == ("股票十年", "稳健增值", "重点客户")
    assert (a["last_visit"], a["visit_count"], a["plan"]) == (D(2026, 11, 10), 1, "已制定（R3）")
    assert rows["客户乙"]["deposits"] == Decimal("150000.50")


def test_totals_rows_by_hand(dept, manager):
    def total(code):
        defn = REPORTS[code]
        return totals(defn, defn.query(ReportScope(manager), period_for(defn)))

    ws = total("weekly-sales")
    assert (ws["salesperson"], ws["attempts"], ws["won"], ws["lost"], ws["win_rate"]) == (
        "合计",
        2,
        1,
        1,
        Decimal("0.5000"),
    )
    assert (ws["mtd_deposit"], ws["target_deposit"], ws["completion"]) == (
        Decimal("100000.00"),
        Decimal("400000.00"),
        Decimal("0.2500"),
    )
    ms = total("monthly-sales")
    assert (ms["deposit_amount"], ms["target_accounts"], ms["completion"]) == (
        Decimal("150000.50"),
        3,
        Decimal("0.3750"),
    )
    mp = total("monthly-plan")
    assert (mp["target_visits"], mp["target_deposit"]) == (30, Decimal("400000.00"))
    tc = total("target-clients")
    assert (tc["name"], tc["visit_count"], tc["deposits"], tc["funds"]) == (
        "合计",
        5,
        Decimal("150000.50"),
        None,
    )
    assert total("weekly-plan") is None  # nothing adds up in a list of plan items


def test_database_totals_match_summing_the_rows(dept, manager):
    defn = REPORTS["target-clients"]
    rows = defn.query(ReportScope(manager), NOV)
    assert isinstance(rows, RowSet)
    assert totals(defn, rows) == totals(defn, list(rows))


@pytest.mark.parametrize("code", list(REPORTS))
def test_every_column_in_every_form(dept, client_as, manager, code):
    defn = REPORTS[code]
    period = period_for(defn)
    expected = list(defn.query(ReportScope(manager), period))
    total = totals(defn, expected)
    assert expected, "the fixture department has rows for every report"
    c = client_as(manager)
    url = f"/reports/{code}/{period.key}/"

    # .xlsx: title, header block, every cell of every row, the totals row, formats, page setup
    wb = load_workbook(BytesIO(c.get(url + "?format=xlsx").content))
    ws = wb.active
    values = list(ws.values)
    assert values[0][0] == f"{defn.title}（{period.label}）"
    block = [v[0] for v in values[1:6] if v[0]]
    assert block[:2] == ["部门：营销部", f"期间：{period.label}"]
    assert block[2].startswith("生成时间：") and block[3] == f"生成人：{manager.display_name}"
    head = next(i for i, v in enumerate(values) if v[0] == defn.columns[0].title)
    assert list(values[head]) == [col.title for col in defn.columns]
    assert ws.cell(row=head + 1, column=1).font.b
    assert ws.freeze_panes == f"A{head + 2}"
    assert ws.page_setup.orientation == "landscape"
    body = values[head + 1 : head + 1 + len(expected)]
    for got, want in zip(body, expected, strict=True):
        for value, col in zip(got, defn.columns, strict=True):
            assert same(col, value, want[col.key]), (col.key, value, want[col.key])
    for i, col in enumerate(defn.columns, start=1):
        cell = ws.cell(row=head + 2, column=i)
        if col.kind == "money" and cell.value is not None:
            assert cell.number_format == "#,##0.00"
        if col.kind == "percent" and cell.value is not None:
            assert cell.number_format == "0.0%"
    rest = values[head + 1 + len(expected) :]
    if total:
        assert len(rest) == 1
        for value, col in zip(rest[0], defn.columns, strict=True):
            assert same(col, value, total[col.key]), ("total", col.key, value)
        assert ws.cell(row=head + 2 + len(expected), column=1).font.b
    else:
        assert rest == []

    # PDF: the title, the period, every non-empty cell as formatted, the totals, page numbers
    pdf = c.get(url + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(pdf.content))
    text = squash("".join(p.extract_text() for p in reader.pages))
    assert str(defn.title) in text and squash(period.label) in text
    assert "第1页/共" in text
    for want in expected + ([total] if total else []):
        for col in defn.columns:
            shown = squash(fmt(col, want[col.key]))
            assert shown in text, (col.key, shown)
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape

    # HTML: every cell of every row, and the totals in the table's footer; a page shows client
    # numbers masked (visits.masking), the files the manager downloads hold them in full
    page = c.get(url).content.decode()
    for want in expected:
        for col in defn.columns:
            value = mask_phone(want[col.key]) if col.key == "phone" else want[col.key]
            assert html.escape(fmt(col, value)) in page, (col.key, value)
    if total:
        foot = page[page.index("<tfoot") : page.index("</tfoot>")]
        for col in defn.columns:
            assert html.escape(fmt(col, total[col.key])) in foot, ("total", col.key)


def test_weekly_pack_sheets_match_the_single_reports(dept, client_as, manager):
    c = client_as(manager)
    pack = load_workbook(BytesIO(c.get("/reports/pack/2026-W46/").content))
    for defn in (d for d in REPORTS.values() if d.period_kind == "week"):
        single = load_workbook(
            BytesIO(c.get(f"/reports/{defn.code}/2026-W46/?format=xlsx").content)
        )
        # the title and the header block (its generation time may differ by a second) are 5 rows
        assert list(pack[str(defn.title)].values)[5:] == list(single.active.values)[5:]
        assert list(pack[str(defn.title)].values)[0] == list(single.active.values)[0]


def test_filters_are_honoured_by_downloads(dept, client_as, manager, salesperson):
    c = client_as(manager)
    query = f"?salesperson={salesperson.pk}"
    xlsx = load_workbook(
        BytesIO(c.get(f"/reports/weekly-work/2026-W46/{query}&format=xlsx").content)
    )
    names = {row[0] for row in xlsx.active.values}
    assert "王芳" in names and "李强" not in names
    assert "筛选：王芳" in names
    text = squash(
        "".join(
            p.extract_text()
            for p in PdfReader(
                BytesIO(c.get(f"/reports/weekly-work/2026-W46/{query}&format=pdf").content)
            ).pages
        )
    )
    assert "王芳" in text and "李强" not in text
    page = c.get(f"/reports/weekly-work/2026-W46/{query}").content.decode()
    assert "李强（" in page  # in the filter's list of people
    assert "<td >李强</td>" not in page and ">李强</td>" not in page


def test_target_clients_sort_and_page_in_the_database(dept, client_as, manager):
    c = client_as(manager)
    page = c.get("/reports/target-clients/2026-11/?sort=-deposits").content.decode()
    assert page.index("客户乙") < page.index("客户甲")
    page = c.get("/reports/target-clients/2026-11/?sort=name").content.decode()
    names = re.findall(r"客户[甲乙丙丁]", page[page.index("<tbody") :])
    assert names == sorted(names)
    for junk in ("?page=abc", "?page=999", "?sort=nonsense", "?sort=-", "?per_page=x"):
        # junk paging and sorting falls back to the defaults: the page still answers, with the rows
        response = c.get(f"/reports/target-clients/2026-11/{junk}")
        assert response.status_code == 200, junk
        assert "客户甲" in response.content.decode(), junk
