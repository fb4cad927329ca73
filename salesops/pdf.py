"""HTML → PDF with WeasyPrint, safely and within a time budget.

Safe: whatever a user typed ends up escaped in the HTML, and even a crafted
<img src="file:///etc/passwd"> or url(http://…) gets nothing: the URL fetcher (WeasyPrint ≥ 70's
``URLFetcher`` class) refuses every URL but the project's own static files.

Bounded: text in a PDF is cut to a length that lays out in a few milliseconds (``clip``; the
templates break lines anywhere, so layout time is linear in the text), and the renderer runs in a
forked child that is killed after ``settings.PDF_TIME_BUDGET_SECONDS``: a PDF that would take longer
is refused with ``PdfTooSlow`` (a message saying to download the Excel) instead of holding the web
worker until the server's own timeout kills it.
"""

from __future__ import annotations

import functools
import multiprocessing
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.utils.translation import gettext as _
from weasyprint.urls import URLFetcher, URLFetcherResponse

from salesops.services import ServiceError

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()

# A cell of a report's PDF shows at most this many characters; the .xlsx always has the full text.
PDF_CELL_MAX_CHARS = 200


def clip(text: object, limit: int = PDF_CELL_MAX_CHARS, *, elsewhere: str = "excel") -> str:
    """``text`` cut to ``limit`` characters, with a note saying where the full text is.

    The one helper every PDF uses for user-typed text (report cells, the letter): a PDF is for
    printing, and a 20,000-character cell would otherwise fill pages and take the renderer minutes.
    ``elsewhere`` says where the full text is: "excel" (reports) or "system" (the letter).
    """
    text = "" if text is None else str(text)
    if len(text) <= limit:
        return text
    note = _("…（全文见 Excel）") if elsewhere == "excel" else _("…（全文见系统）")
    return text[:limit] + note


# --- what the renderer may fetch --------------------------------------------------------------------


def _static_path(url: str) -> Path | None:
    """The file under static/ that ``url`` names, or None for anything else."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(parts.path)).resolve()
    if path.is_relative_to(STATIC_DIR) and path.is_file():
        return path
    return None


class _FileFetcher(URLFetcher):
    """WeasyPrint's own fetcher, limited to file: URLs and no redirects (used for static/ only)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)


def safe_url_fetcher(url: str, headers: dict | None = None) -> URLFetcherResponse:
    """Fetch ``url`` if it is one of the project's static files; refuse (ValueError) anything else."""
    if _static_path(url) is None:
        raise ValueError(f"refused to fetch {url!r}: PDFs may use the project's static files only")
    return _FileFetcher().fetch(url, headers)


class SafeURLFetcher(URLFetcher):
    """The fetcher given to WeasyPrint: every request goes through ``safe_url_fetcher``.

    WeasyPrint catches the ValueError, logs it and leaves the resource out.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        # looked up at call time, so that tests can watch what is asked for
        return globals()["safe_url_fetcher"](url, headers)


# --- rendering within a budget ---------------------------------------------------------------------


class PdfTooSlow(ServiceError):
    """The PDF would take longer than the budget; it was stopped and nothing was produced."""

    def __init__(self, seconds: float):
        super().__init__(
            _(
                "PDF 生成超过 %(s)s 秒，已停止，以免影响他人使用。请缩小筛选范围后重试，"
                "或下载 Excel（Excel 始终包含全部内容）。"
            )
            % {"s": f"{seconds:g}"}
        )
        self.seconds = seconds


class PdfFailed(RuntimeError):
    """The renderer crashed (a bug, not the user's input): a 500 with the reason in the log."""


# The user-agent stylesheet of a table-only document (templates/reports/report_pdf.html uses just
# these elements). WeasyPrint matches every element against its whole HTML5 stylesheet (~250 rules);
# for report 7 of the demo (65 clients × 24 columns, 1,600 cells) that was a quarter of the
# layout time (cProfile). The rules are the HTML5 ones for these elements.
TABLE_UA_CSS = """
head, meta, style, title, script, link { display: none }
html, body, div, h1, p { display: block }
body { margin: 8px }
h1 { margin: .67em 0; font-size: 2em; font-weight: bold }
p { margin: 1em 0 }
table { display: table; border-spacing: 2px; border-collapse: separate; box-sizing: border-box;
  text-indent: initial; border-color: gray }
colgroup { display: table-column-group }
col { display: table-column }
thead { display: table-header-group; vertical-align: middle }
tbody { display: table-row-group; vertical-align: middle }
tr { display: table-row; vertical-align: inherit }
td, th { display: table-cell; vertical-align: inherit; padding: 1px; border-color: gray }
th { font-weight: bold; text-align: center }
@page { margin: 75px }
"""


@functools.cache
def _table_ua() -> Any:
    from weasyprint import CSS

    return CSS(string=TABLE_UA_CSS)


def _render(html: str, table_only: bool = False) -> bytes:
    from weasyprint import HTML

    class TableHTML(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [_table_ua()]

    kind = TableHTML if table_only else HTML
    return kind(string=html, base_url=str(STATIC_DIR), url_fetcher=SafeURLFetcher()).write_pdf()


def _render_into(html: str, table_only: bool, conn) -> None:  # runs in the forked child
    try:
        conn.send((True, _render(html, table_only)))
    except BaseException as exc:  # noqa: BLE001 - the parent reports it
        conn.send((False, f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def html_to_pdf(html: str, budget: float | None = None, *, table_only: bool = False) -> bytes:
    """The PDF of ``html``; ``PdfTooSlow`` if it takes longer than the budget.

    ``budget`` defaults to ``settings.PDF_TIME_BUDGET_SECONDS``; 0 or None renders in this process
    without a budget (for a management command or a test that watches the fetcher).
    ``table_only``: ``html`` uses only the elements of ``TABLE_UA_CSS`` (a report's table), which
    is then its user-agent stylesheet instead of WeasyPrint's whole HTML5 one.
    """
    if budget is None:
        budget = getattr(settings, "PDF_TIME_BUDGET_SECONDS", 20)
    if table_only:
        _table_ua()  # parsed once, here, not in every forked child
    if not budget:
        return _render(html, table_only)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_render_into, args=(html, table_only, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(budget):
            raise PdfTooSlow(budget)
        try:
            ok, payload = receive.recv()
        except EOFError as exc:
            raise PdfFailed(f"the PDF renderer exited with {child.exitcode}") from exc
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if not ok:
        raise PdfFailed(payload)
    return payload
