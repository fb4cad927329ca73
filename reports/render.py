"""The three renderers of a report definition: HTML (via reports/tables.py), .xlsx and PDF.

They share the formatting below, so a number reads the same in every form.
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from salesops.pdf import clip, html_to_pdf
from salesops.periods import Period

from .definitions import Column, ReportDef
from .rows import RowSet

Rows = list[dict[str, Any]] | RowSet

DEPARTMENT = gettext_lazy("营销部")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Meta:
    """What the header of every form of a report says."""

    department: str
    period: Period
    generated_at: dt.datetime
    generated_by: str
    filters: str = ""
    to_date: dt.date | None = None  # a running period is counted to this day (截至)
    warnings: tuple[str, ...] = ()  # shown above the table in every form

    @property
    def as_of(self) -> str:
        return _("截至 %(date)s") % {"date": f"{self.to_date:%Y-%m-%d}"} if self.to_date else ""

    @property
    def period_label(self) -> str:
        """The period's name, with 截至 <date> while it is counted to date."""
        return f"{self.period.label} {self.as_of}" if self.to_date else self.period.label

    @property
    def lines(self) -> list[str]:
        lines = [
            _("部门：%(v)s") % {"v": self.department},
            _("期间：%(v)s") % {"v": self.period_label},
            _("生成时间：%(v)s") % {"v": f"{timezone.localtime(self.generated_at):%Y-%m-%d %H:%M}"},
            _("生成人：%(v)s") % {"v": self.generated_by},
        ]
        if self.filters:
            lines.append(_("筛选：%(v)s") % {"v": self.filters})
        return lines


def fmt(column: Column, value: Any) -> str:
    if value is None or value == "":
        return ""
    if column.kind == "money":
        return f"{Decimal(value):,.2f}"
    if column.kind == "percent":
        return f"{Decimal(value) * 100:.1f}%"
    if column.kind == "hours":
        return f"{Decimal(value):.1f}"
    if column.kind == "date":
        return value.strftime("%Y-%m-%d")
    return str(value)


def _value(row: dict[str, Any], expr: str) -> Decimal:
    return sum((Decimal(row.get(part) or 0) for part in expr.split("+")), Decimal(0))


def totals(defn: ReportDef, rows: Rows) -> dict[str, Any] | None:
    """The totals row: sums where numbers add up, ratios recomputed from the summed parts of the
    **same** rows on both sides — a row counts in a ratio only when its denominator is there, so
    completion % = actual of the people with an announced target ÷ the sum of those targets."""
    if not rows or not any(c.total for c in defn.columns):
        return None
    total: dict[str, Any] = {c.key: None for c in defn.columns}
    if isinstance(rows, RowSet):
        summed = rows.totals()  # one aggregate query in the database
        for c in defn.columns:
            if c.total:
                total[c.key] = summed.get(c.key)
    else:
        for c in defn.columns:
            if c.total:
                values = [r[c.key] for r in rows if r.get(c.key) is not None]
                zero = Decimal(0) if c.kind in ("money", "hours") else 0
                total[c.key] = sum(values, zero) if values else None
    for key, (num, den) in defn.ratio_totals.items():
        if isinstance(rows, RowSet):
            n, d = _value(total, num), _value(total, den)
        else:
            same = [r for r in rows if all(r.get(part) is not None for part in den.split("+"))]
            n = sum((_value(r, num) for r in same), Decimal(0))
            d = sum((_value(r, den) for r in same), Decimal(0))
        total[key] = (n / d).quantize(Decimal("0.0001")) if d else None
    total[defn.columns[0].key] = _("合计")
    return total


# --- xlsx ------------------------------------------------------------------------------------------

NUMBER_FORMATS = {
    "money": "#,##0.00",
    "percent": "0.0%",
    "int": "0",
    "hours": "0.0",
    "date": "yyyy-mm-dd",
}
WIDTHS = {"money": 15, "percent": 9, "int": 9, "hours": 9, "date": 12, "text": 14}


def write_sheet(
    wb, defn: ReportDef, meta: Meta, rows: list[dict[str, Any]], title: str | None = None
) -> None:
    """One report as a sheet of a write-only workbook (rows stream: memory stays flat)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    ws = wb.create_sheet(title=str(title or defn.title)[:31])
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    header_row = len(meta.lines) + len(meta.warnings) + 2
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    for i, c in enumerate(defn.columns, start=1):
        ws.column_dimensions[_letter(i)].width = (
            30 if c.user_text and c.key not in ("name", "client", "phone") else WIDTHS[c.kind]
        )

    title_cell = WriteOnlyCell(
        ws, value=_("%(title)s（%(period)s）") % {"title": defn.title, "period": meta.period_label}
    )
    title_cell.font = Font(bold=True, size=14)
    ws.append([title_cell])
    plain = WriteOnlyCell(ws, value=None)
    for line in meta.lines:
        ws.append([_cell(ws, plain, line)])
    for warning in meta.warnings:
        cell = WriteOnlyCell(ws, value=warning)
        cell.font = Font(bold=True, color="9C5700")
        ws.append([cell])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    thin = Side(style="thin", color="999999")
    border = Border(top=thin, bottom=thin, left=thin, right=thin)
    head = []
    for c in defn.columns:
        cell = WriteOnlyCell(ws, value=str(c.title))
        cell.font, cell.fill, cell.border = bold, fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        head.append(cell)
    ws.append(head)
    # one styled template cell per column; data cells copy its style, which keeps streaming fast
    templates = []
    for c in defn.columns:
        template = WriteOnlyCell(ws, value=None)
        if c.kind in NUMBER_FORMATS:
            template.number_format = NUMBER_FORMATS[c.kind]
        templates.append(template)
    keys = [c.key for c in defn.columns]
    writers = list(
        zip(
            keys,
            [_writer(ws, c, t) for c, t in zip(defn.columns, templates, strict=True)],
            strict=True,
        )
    )
    for row in rows:
        ws.append([write(row.get(key)) for key, write in writers])
    total = totals(defn, rows)
    if total:
        cells = []
        for template, key in zip(templates, keys, strict=True):
            cell = WriteOnlyCell(ws, value=total.get(key))
            cell._style = copy(template._style)
            cell.font = bold
            cells.append(cell)
        ws.append(cells)


def inert(value: str) -> str:
    """Drop the control characters that .xlsx cannot hold (openpyxl would refuse the whole file)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _cell(ws, template, value: Any):
    """A plain value where openpyxl writes it safely as is; a cell object where it must be forced."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        value = inert(value)
        if value.startswith(FORMULA_START):
            # a string cell, never a formula (openpyxl would write "=…" as one), with Excel's quote
            # prefix (the ' a user types) so that editing the cell does not turn it into one either
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            return cell
        return value
    if value is None or template.number_format == "General":
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell._style = copy(template._style)
    return cell


def _writer(ws, column: Column, template):
    """How one column's values go into cells, decided once per column: streaming 20,000 rows is
    360,000 cells, so plain values (ints; dates, which openpyxl formats as yyyy-mm-dd by itself)
    pass straight through and only money and percentages get a styled cell."""
    from openpyxl.cell import WriteOnlyCell

    if column.kind in ("money", "percent", "hours"):

        def styled(value):
            if value is None:
                return None
            cell = WriteOnlyCell(ws, value=value)
            cell._style = copy(template._style)
            return cell

        return styled

    def plain(value):
        return _cell(ws, template, value) if isinstance(value, str) else value

    return plain


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def to_xlsx(sheets: list[tuple[ReportDef, Meta, list[dict[str, Any]]]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for defn, meta, rows in sheets:
        write_sheet(wb, defn, meta, rows)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------------


# A PDF is for printing and filing; WeasyPrint lays out 20–40 rows a page at ~0.3–0.4 s a page, so a
# PDF lists at most this many rows (10–15 pages) and says so; the .xlsx always has every row.
PDF_MAX_ROWS = 300
# relative column widths, sized so that an 8-digit amount or a full date fits on one line at 7pt
PDF_WIDTHS = {"text": 8, "int": 6, "hours": 6, "money": 13, "percent": 7, "date": 11}
PDF_TEXT_WIDTHS = {"name": 8, "client": 8, "phone": 12.5}


def _pdf_width(c: Column) -> float:
    if c.user_text:
        return PDF_TEXT_WIDTHS.get(c.key, 13)
    return PDF_WIDTHS[c.kind]


def _pdf_cell(c: Column, value: Any) -> str:
    return clip(fmt(c, value)) if c.kind == "text" else fmt(c, value)


def to_pdf(defn: ReportDef, meta: Meta, rows: Rows) -> bytes:
    total = totals(defn, rows)
    count = len(rows)
    shown = rows[:PDF_MAX_ROWS]
    # typed text is cut (…（全文见 Excel）) so that no cell can make the layout slow
    body = [[(_pdf_cell(c, r.get(c.key)), c.kind) for c in defn.columns] for r in shown]
    widths = [_pdf_width(c) for c in defn.columns]
    html = render_to_string(
        "reports/report_pdf.html",
        {
            "defn": defn,
            "meta": meta,
            "rows": body,
            # fixed column widths spare WeasyPrint the auto table layout, its slowest step
            "widths": [f"{100 * w / sum(widths):.2f}%" for w in widths],
            "total": [(fmt(c, total.get(c.key)), c.kind) for c in defn.columns] if total else None,
            "dense": len(defn.columns) > 12,
            "lang": get_language() or "zh-hans",
            "truncated": count > PDF_MAX_ROWS,
            "row_count": count,
            "max_rows": PDF_MAX_ROWS,
        },
    )
    return html_to_pdf(html, table_only=True)
