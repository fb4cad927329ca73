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
def hostile_world(salesperson, analyst, manager, monkeypatch):
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
    assert "HYPERLINK" in text
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
