"""Hostile text in every free-text field comes back intact and inert: escaped in HTML, text (never a
formula) in .xlsx, nothing fetched by the PDF renderer, nothing crashing on over-long or non-BMP text."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

import salesops.pdf as pdf_module
from plans import services as plan_services
from visits import services as visit_services
from visits.models import Client

pytestmark = pytest.mark.django_db


REAL_FETCHER = pdf_module.safe_url_fetcher
SCRIPT = "<script>alert('x')</script>"
HOSTILE = [
    SCRIPT,
    '=HYPERLINK("http://evil.example","点我")',
    "+1",
    "@SUM(A1)",
    '<img src="file:///etc/passwd">',
    "生僻字𠀀表情😀",
]
TEXT = " | ".join(HOSTILE)


@pytest.fixture
def hostile_world(salesperson, analyst, manager, monkeypatch, settings):
    settings.PDF_TIME_BUDGET_SECONDS = 0  # render in this process, where the spy can see
    fetched = []
    real = pdf_module.safe_url_fetcher

    def spy(url, *args, **kwargs):
        fetched.append(url)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(pdf_module, "safe_url_fetcher", spy)
    today = timezone.localdate()
    client = visit_services.client_register(
        by=salesperson, name='=HYPERLINK("x")😀', phone="+1", remarks=TEXT
    )
    visit_services.visit_log(
        client=client,
        by=salesperson,
        date=today,
        kind="onsite",
        purpose="first",
        summary=TEXT,
        client_feedback=TEXT,
        next_step=TEXT,
    )
    client = Client.objects.get(pk=client.pk)
    visit_services.client_analyze_needs(
        client=client,
        by=analyst,
        investment_experience=TEXT,
        investment_needs=TEXT,
        risk_preference="moderate",
        intended_funds=None,
        comment=TEXT,
    )
    monday = today - dt.timedelta(days=today.weekday())
    plan = plan_services.plan_create(owner=salesperson, horizon="week", period_start=monday)
    plan_services.plan_item_add(
        plan=plan,
        by=salesperson,
        date=monday,
        prospect_name="@SUM(A1)",
        purpose="first",
        note=TEXT[:300],
    )
    from tests.plans.factories import tasks_open

    tasks_open(manager, today)
    task = plan_services.task_assign(
        manager=manager,
        salesperson=salesperson,
        month=today,
        target_visits=1,
        target_new_clients=1,
        target_accounts=1,
        target_deposit_amount=1,
    )
    plan_services.letter_write(letter=task.letter, by=salesperson, text=TEXT)
    plan_services.worklog_write(salesperson=salesperson, date=today, content=TEXT)
    return {"client": client, "plan": plan, "letter": task.letter, "fetched": fetched}


def test_pages_escape_hostile_text(client_as, hostile_world, salesperson, manager):
    urls = [
        reverse("visits:client_detail", args=[hostile_world["client"].pk]),
        reverse("visits:client_list"),
        reverse("visits:visit_list"),
        reverse("plans:plan_detail", args=[hostile_world["plan"].pk]),
        reverse("plans:letter_detail", args=[hostile_world["letter"].pk]),
        reverse("plans:worklog"),
        "/",
    ]
    for user in (salesperson, manager):
        c = client_as(user)
        for url in urls:
            if url == reverse("plans:worklog") and user == manager:
                continue
            response = c.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert SCRIPT not in body, url
            assert '<img src="file:///etc/passwd">' not in body, url
    body = client_as(manager).get(urls[0]).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "生僻字𠀀表情😀" in body


def test_exports_keep_hostile_text_as_text(client_as, hostile_world, manager):
    c = client_as(manager)
    month = timezone.localdate().strftime("%Y-%m")
    response = c.get(f"/reports/target-clients/{month}/?format=xlsx")
    ws = load_workbook(BytesIO(response.content)).active
    cells = {
        cell.value: cell for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)
    }
    assert cells['=HYPERLINK("x")😀'].data_type == "s"
    assert cells[TEXT].data_type == "s"  # remarks come back intact
    pdf = c.get(f"/reports/target-clients/{month}/?format=pdf")
    assert pdf.status_code == 200
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    # the fonts lack 𠀀 (U+20000); its entry in the font's map makes pypdf read that whole font as
    # two bytes a character, so its ASCII comes out with NULs between the letters
    assert "HYPERLINK" in text.replace("\x00", "")
    letter = c.get(reverse("plans:letter_pdf", args=[hostile_world["letter"].pk]))
    assert letter.status_code == 200
    # the letter text is escaped, so the <img> is never even asked for; had it been, it is refused
    assert not any("/etc/passwd" in url for url in hostile_world["fetched"])
    with pytest.raises(ValueError):
        REAL_FETCHER("file:///etc/passwd")


def test_over_long_text_is_a_field_error_not_a_crash(client_as, salesperson):
    today = timezone.localdate().isoformat()
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "new_name": "长" * 200,
            "date": today,
            "kind": "onsite",
            "purpose": "first",
            "summary": "x" * 20000,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "is-invalid" in body and "50" in body  # the name field says how long it may be
    assert not Client.objects.exists()


# --- PDF bombs: text that would stall the renderer ---------------------------------------------------

BOMBS = {"latin": "A" * 20000, "cjk": "长" * 20000}


def _pdf_text(content: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages).replace("\n", "")


@pytest.fixture
def bomb_client(salesperson):
    """A client whose 备注 and needs were saved, before the maximum lengths, as 20,000 characters."""
    from tests.visits.factories import ClientFactory, VisitFactory

    client = ClientFactory(salesperson=salesperson, name="炸弹客户")
    Client.objects.filter(pk=client.pk).update(
        remarks=BOMBS["latin"], investment_needs=BOMBS["cjk"]
    )
    VisitFactory(client=client, date=timezone.localdate())
    return client


def test_clip_cuts_long_text_and_says_where_the_rest_is():
    assert pdf_module.clip("短文本", 200) == "短文本"
    assert pdf_module.clip("A" * 200, 200) == "A" * 200
    assert pdf_module.clip("A" * 201, 200) == "A" * 200 + "…（全文见 Excel）"
    assert pdf_module.clip("长" * 5000, 10, elsewhere="system") == "长" * 10 + "…（全文见系统）"
    assert pdf_module.clip(None) == ""


def test_a_20000_character_cell_is_cut_in_report_7s_pdf(client_as, manager, bomb_client):
    month = timezone.localdate().strftime("%Y-%m")
    c = client_as(manager)
    response = c.get(f"/reports/target-clients/{month}/?format=pdf")
    assert response.status_code == 200
    text = _pdf_text(response.content)
    # 备注 and 投资需求 both cut (the extractor may drop the space before Excel)
    assert text.count("全文见") == 2
    cap = pdf_module.PDF_CELL_MAX_CHARS
    assert "A" * cap in text and "A" * (cap + 1) not in text
    assert "长" * cap in text and "长" * (cap + 1) not in text
    assert len(PdfReader(BytesIO(response.content)).pages) == 1
    # the Excel has every character
    ws = load_workbook(BytesIO(c.get(f"/reports/target-clients/{month}/?format=xlsx").content))
    values = {v for row in ws.active.values for v in row}
    assert BOMBS["latin"] in values and BOMBS["cjk"] in values


def test_a_20000_character_letter_is_cut_in_its_pdf(client_as, manager, salesperson):
    from plans.models import CommitmentLetter
    from tests.plans.factories import CommitmentLetterFactory, SalesTaskFactory

    letter = CommitmentLetterFactory(task=SalesTaskFactory(salesperson=salesperson))
    CommitmentLetter.objects.filter(pk=letter.pk).update(text=BOMBS["cjk"])
    response = client_as(manager).get(reverse("plans:letter_pdf", args=[letter.pk]))
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "全文见系统" in text
    assert text.count("长") < 2100  # the first 2,000, not 20,000


def test_a_pdf_past_its_time_budget_is_a_503_offering_the_excel(
    client_as, manager, bomb_client, settings
):
    settings.PDF_TIME_BUDGET_SECONDS = 0.001
    month = timezone.localdate().strftime("%Y-%m")
    response = client_as(manager).get(f"/reports/target-clients/{month}/?format=pdf&sort=name")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "PDF 生成超过 0.001 秒，已停止" in body
    assert "format=xlsx" in body and "sort=name" in body  # the same report as Excel


def test_a_letter_pdf_past_its_time_budget_is_a_503(client_as, manager, salesperson, settings):
    from tests.plans.factories import CommitmentLetterFactory, SalesTaskFactory

    letter = CommitmentLetterFactory(task=SalesTaskFactory(salesperson=salesperson))
    settings.PDF_TIME_BUDGET_SECONDS = 0.001
    response = client_as(manager).get(reverse("plans:letter_pdf", args=[letter.pk]))
    assert response.status_code == 503
    assert "PDF 生成超过" in response.content.decode()


def test_a_submission_whose_pdf_is_too_slow_is_refused_and_nothing_is_saved(
    client_as, manager, bomb_client, settings
):
    from reports.models import Submission

    settings.PDF_TIME_BUDGET_SECONDS = 0.001
    month = timezone.localdate().strftime("%Y-%m")
    response = client_as(manager).post(f"/reports/target-clients/{month}/submit/", follow=True)
    assert response.status_code == 200
    assert "PDF 生成超过" in response.content.decode()
    assert not Submission.objects.exists()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]  # no orphan .xlsx


def test_a_pdf_within_its_budget_renders_in_a_child_process(settings):
    settings.PDF_TIME_BUDGET_SECONDS = 30
    assert pdf_module.html_to_pdf("<p>预算之内</p>").startswith(b"%PDF")


def test_a_crashing_renderer_is_an_error_not_a_hang(monkeypatch, settings):
    def boom(html, table_only=False):
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(pdf_module, "_render", boom)  # the forked child inherits it
    with pytest.raises(pdf_module.PdfFailed, match="renderer bug"):
        pdf_module.html_to_pdf("<p>x</p>", budget=30)
