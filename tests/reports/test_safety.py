"""Exports are safe to open: typed text is never a formula, and a PDF fetches nothing."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

import salesops.pdf as pdf_module
from tests.visits.factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db
HOSTILE = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.fixture
def hostile_clients(salesperson):
    clients = []
    for i, text in enumerate(HOSTILE):
        c = ClientFactory(salesperson=salesperson, name=f"客户{i}", remarks=text, phone=text)
        VisitFactory(client=c, date=dt.date(2026, 11, 10))
        clients.append(c)
    return clients


def test_hostile_strings_are_text_in_xlsx(hostile_clients, client_as, manager):
    response = client_as(manager).get("/reports/target-clients/2026-11/?format=xlsx")
    ws = load_workbook(BytesIO(response.content)).active
    # XML turns a carriage return into a line feed when the file is read: "\rcmd" reads "\ncmd"
    typed = {text.replace("\r", "\n"): text for text in HOSTILE}
    found = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value in typed:
                found.setdefault(typed[cell.value], []).append(cell)
    assert set(found) == set(HOSTILE)  # every string came back as typed
    for cells in found.values():
        assert len(cells) == 2  # the phone and the remarks column
        for cell in cells:
            assert cell.data_type == "s", cell.value  # a string, never "f" (formula)
            assert cell.quotePrefix, cell.value  # and stays text when edited in Excel


def test_characters_xlsx_cannot_hold_are_dropped_not_a_500(salesperson, client_as, manager):
    c = ClientFactory(salesperson=salesperson, name="客户\x01\x1f甲", remarks="备注\x0b")
    VisitFactory(client=c, date=dt.date(2026, 11, 10))
    response = client_as(manager).get("/reports/target-clients/2026-11/?format=xlsx")
    assert response.status_code == 200
    values = {
        cell for row in load_workbook(BytesIO(response.content)).active.values for cell in row
    }
    assert "客户甲" in values and "备注" in values


def test_pdf_with_hostile_markup_fetches_nothing(
    salesperson, client_as, manager, monkeypatch, settings
):
    settings.PDF_TIME_BUDGET_SECONDS = 0  # render in this process, where the spy can see
    fetched = []
    real = pdf_module.safe_url_fetcher

    def spy(url, *args, **kwargs):
        fetched.append(url)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(pdf_module, "safe_url_fetcher", spy)
    c = ClientFactory(
        salesperson=salesperson,
        name='<img src="file:///etc/passwd">',
        remarks='<div style="background: url(http://127.0.0.1:9/x)">x</div>',
        investment_needs="</style><link rel=stylesheet href=http://127.0.0.1:9/s.css>",
    )
    VisitFactory(client=c, date=dt.date(2026, 11, 10))
    response = client_as(manager).get("/reports/target-clients/2026-11/?format=pdf")
    assert response.status_code == 200
    assert fetched == []  # the markup was escaped: nothing was even asked for
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "file:///etc/passwd" in text.replace("\n", "")  # shown as the text it is
    page = client_as(manager).get("/reports/target-clients/2026-11/").content.decode()
    assert '<img src="file:///etc/passwd">' not in page
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.com/a.png",
        "data:image/png;base64,AAAA",
        "file:///work/../etc/passwd",
    ],
)
def test_the_fetcher_refuses_everything_outside_static(url):
    with pytest.raises(ValueError):
        pdf_module.safe_url_fetcher(url)


def test_the_fetcher_serves_the_projects_static_files():
    path = pdf_module.STATIC_DIR / "css" / "app.css"
    response = pdf_module.safe_url_fetcher(path.as_uri())
    try:
        assert response.read() == path.read_bytes()
    finally:
        response.close()


def test_weasyprint_is_given_the_fetcher_class():
    """WeasyPrint ≥ 70 takes a URLFetcher instance; ours sends every URL through the check."""
    from weasyprint.urls import URLFetcher

    fetcher = pdf_module.SafeURLFetcher()
    assert isinstance(fetcher, URLFetcher)
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("http://127.0.0.1:9/x")
    response = fetcher.fetch((pdf_module.STATIC_DIR / "css" / "app.css").as_uri())
    response.close()


def test_the_fetcher_refuses_a_symlink_out_of_static(tmp_path, monkeypatch):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    static = tmp_path / "static"
    static.mkdir()
    (static / "link.css").symlink_to(outside)
    monkeypatch.setattr(pdf_module, "STATIC_DIR", static.resolve())
    with pytest.raises(ValueError):
        pdf_module.safe_url_fetcher((static / "link.css").as_uri())


def test_raw_markup_given_to_the_renderer_is_refused(monkeypatch, settings):
    """Even markup that reached WeasyPrint unescaped gets nothing outside static/."""
    settings.PDF_TIME_BUDGET_SECONDS = 0  # render in this process, where the spy can see
    fetched = []
    real = pdf_module.safe_url_fetcher

    def spy(url, *args, **kwargs):
        fetched.append(url)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(pdf_module, "safe_url_fetcher", spy)
    raw = '<img src="file:///etc/passwd"><p style="background:url(http://127.0.0.1:9/x)">y</p>'
    assert pdf_module.html_to_pdf(raw).startswith(b"%PDF")
    assert fetched  # asked, and refused (a refused fetch leaves the image out)
