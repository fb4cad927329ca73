"""Who reads a client's full number (个人信息保护法), on every page and in every export, for every
role: only the owning salesperson, the team's manager and the team's analyst — on a page only after
the one logged 显示号码 click, in an export file directly (the download is on record). Everyone
else (the office, the leader, other salespeople) and every file for the office sees 138****5678."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from ownership.models import PhoneReveal
from reports import services as report_services
from salesops.periods import Period
from tests.visits.factories import ClientFactory
from visits import masking

pytestmark = pytest.mark.django_db

FULL, MASKED = "13812345678", "138****5678"


@pytest.fixture
def mine(salesperson):
    return ClientFactory(salesperson=salesperson, name="甲客户", phone=FULL)


@pytest.fixture
def month():
    return Period.month_of(timezone.localdate())


def _people(request, names):
    return {name: request.getfixturevalue(name) for name in names}


def test_the_rule_per_role(request, mine):
    people = _people(
        request,
        [
            "salesperson",
            "salesperson2",
            "manager",
            "analyst",
            "other_manager",
            "other_analyst",
            "office",
            "leader",
        ],
    )
    allowed = {name for name, u in people.items() if masking.may_see_client_phone(u, mine)}
    assert allowed == {"salesperson", "manager", "analyst"}
    assert not masking.may_see_client_phone(None, mine)


def test_the_rule_costs_no_query_per_row(manager, mine, django_assert_num_queries):
    masking.may_see_client_phone(manager, mine)  # the manager's teams, read once
    with django_assert_num_queries(0):
        for _ in range(20):
            assert masking.may_see_client_phone(manager, mine)


# --- pages: masked for everyone until the one logged click ---------------------------------------


@pytest.mark.parametrize("who", ["salesperson", "manager", "analyst", "leader"])
def test_the_client_list_is_masked_for_every_reader(request, client_as, mine, who):
    page = client_as(request.getfixturevalue(who)).get(reverse("visits:client_list")).content
    text = page.decode()
    assert "甲客户" in text and MASKED in text and FULL not in text


@pytest.mark.parametrize("who", ["salesperson", "manager", "analyst"])
def test_the_client_page_is_masked_with_a_reveal_button_for_those_with_standing(
    request, client_as, mine, who
):
    text = (
        client_as(request.getfixturevalue(who))
        .get(reverse("visits:client_detail", args=[mine.pk]))
        .content.decode()
    )
    assert MASKED in text and FULL not in text
    assert reverse("ownership:phone_reveal", args=[mine.pk]) in text


def test_the_leader_sees_the_client_page_masked_without_a_reveal_button(client_as, leader, mine):
    text = client_as(leader).get(reverse("visits:client_detail", args=[mine.pk])).content.decode()
    assert MASKED in text and FULL not in text
    assert reverse("ownership:phone_reveal", args=[mine.pk]) not in text


@pytest.mark.parametrize("who", ["salesperson2", "other_manager", "other_analyst"])
def test_others_do_not_reach_the_client_page(request, client_as, mine, who):
    c = client_as(request.getfixturevalue(who))
    assert c.get(reverse("visits:client_detail", args=[mine.pk])).status_code == 404


@pytest.mark.parametrize("who", ["salesperson", "manager", "analyst"])
def test_one_click_reveals_the_number_and_puts_it_on_record(request, client_as, mine, who):
    user = request.getfixturevalue(who)
    c = client_as(user)
    response = c.post(reverse("ownership:phone_reveal", args=[mine.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:client_detail", args=[mine.pk])
    record = PhoneReveal.objects.get()
    assert (record.user, record.client) == (user, mine)
    text = c.get(reverse("visits:client_detail", args=[mine.pk])).content.decode()
    assert f'href="tel:{FULL}"' in text  # a tap calls the client from the phone
    assert reverse("ownership:phone_reveal", args=[mine.pk]) not in text
    # the list stays masked: the reveal is for this client's page
    assert FULL not in c.get(reverse("visits:client_list")).content.decode()


def test_a_revealed_number_is_masked_again_after_a_while(client_as, salesperson, mine, monkeypatch):
    c = client_as(salesperson)
    c.post(reverse("ownership:phone_reveal", args=[mine.pk]))
    later = timezone.now() + dt.timedelta(minutes=masking.REVEAL_MINUTES + 1)
    monkeypatch.setattr("ownership.queries.now", lambda: later)
    text = c.get(reverse("visits:client_detail", args=[mine.pk])).content.decode()
    assert FULL not in text and MASKED in text


@pytest.mark.parametrize(
    ("who", "status"), [("leader", 403), ("office", 403), ("salesperson2", 404)]
)
def test_no_reveal_without_standing(request, client_as, mine, who, status):
    c = client_as(request.getfixturevalue(who))
    assert c.post(reverse("ownership:phone_reveal", args=[mine.pk])).status_code == status
    assert not PhoneReveal.objects.exists()


def test_reveal_is_post_only(client_as, salesperson, mine):
    assert (
        client_as(salesperson).get(reverse("ownership:phone_reveal", args=[mine.pk])).status_code
        == 405
    )
    assert not PhoneReveal.objects.exists()


def test_office_and_leader_may_not_search_by_number(client_as, leader, mine):
    text = client_as(leader).get(reverse("visits:client_list"), {"q": "1381234"}).content.decode()
    assert "甲客户" not in text


# --- report 7 (目标客户基本信息情况统计表): the page, the Excel, the PDF, the submission -------------


def _url(month):
    return reverse("reports:report", args=["target-clients", month.key])


@pytest.mark.parametrize("who", ["salesperson", "manager", "office", "leader"])
def test_the_report_page_is_masked_for_every_role(request, client_as, mine, month, who):
    text = client_as(request.getfixturevalue(who)).get(_url(month)).content.decode()
    assert "甲客户" in text and MASKED in text and FULL not in text


def _xlsx_values(response):
    ws = load_workbook(BytesIO(response.content)).active
    return {cell for row in ws.values for cell in row if cell is not None}


@pytest.mark.parametrize(
    ("who", "shown"),
    [("salesperson", FULL), ("manager", FULL), ("office", MASKED), ("leader", MASKED)],
)
def test_the_excel_holds_the_full_number_only_for_those_with_standing(
    request, client_as, mine, month, who, shown
):
    response = client_as(request.getfixturevalue(who)).get(_url(month), {"format": "xlsx"})
    values = _xlsx_values(response)
    assert "甲客户" in values and shown in values
    assert (FULL in values) == (shown == FULL)


def test_another_teams_manager_gets_no_row(client_as, other_manager, mine, month):
    values = _xlsx_values(client_as(other_manager).get(_url(month), {"format": "xlsx"}))
    assert "甲客户" not in values and FULL not in values


@pytest.mark.parametrize(
    ("who", "shown"),
    [("salesperson", FULL), ("manager", FULL), ("office", MASKED), ("leader", MASKED)],
)
def test_the_pdf_holds_the_full_number_only_for_those_with_standing(
    request, client_as, mine, month, settings, who, shown
):
    settings.PDF_TIME_BUDGET_SECONDS = 0  # render in this process
    response = client_as(request.getfixturevalue(who)).get(_url(month), {"format": "pdf"})
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    text = "".join(text.split())
    assert shown in text
    assert (FULL in text) == (shown == FULL)


def test_a_submission_for_the_office_is_masked(manager, team, mine, month, settings):
    settings.PDF_TIME_BUDGET_SECONDS = 0
    sub = report_services.submission_create(
        team=team, code="target-clients", period=month, by=manager
    )
    sub.xlsx.open("rb")
    values = {c for row in load_workbook(BytesIO(sub.xlsx.read())).active.values for c in row}
    assert MASKED in values and FULL not in values
    sub.pdf.open("rb")
    text = "".join(
        "".join(p.extract_text() for p in PdfReader(BytesIO(sub.pdf.read())).pages).split()
    )
    assert MASKED in text and FULL not in text


def test_the_export_reads_no_query_per_client(
    client_as, manager, salesperson, month, django_assert_max_num_queries
):
    c = client_as(manager)
    ClientFactory(salesperson=salesperson)
    c.get(_url(month), {"format": "xlsx"})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        c.get(_url(month), {"format": "xlsx"})
    for _ in range(8):
        ClientFactory(salesperson=salesperson)
    with CaptureQueriesContext(connection) as many:
        c.get(_url(month), {"format": "xlsx"})
    assert len(many) == len(few)


# --- the serving analyst; one reveal per file (docs/design.md §Who sees full numbers) -----------


def test_only_the_serving_analyst_once_one_is_set(client_as, mine, analyst, team):
    from accounts.models import Role
    from tests.factories import UserFactory

    second = UserFactory(username="analyst2", role=Role.ANALYST, team=team)
    # not set yet: the team's analysts serve the client
    assert masking.may_see_client_phone(second, mine)
    mine.analyst = analyst
    mine.save(update_fields=["analyst"])
    assert masking.may_see_client_phone(analyst, mine)
    assert not masking.may_see_client_phone(second, mine)
    url = reverse("ownership:phone_reveal", args=[mine.pk])
    assert client_as(second).post(url).status_code == 403
    assert not PhoneReveal.objects.exists()
    page = client_as(second).get(reverse("visits:client_detail", args=[mine.pk])).content.decode()
    assert url not in page
    assert client_as(analyst).post(url).status_code == 302
    assert PhoneReveal.objects.filter(user=analyst, client=mine).count() == 1


def test_a_file_with_full_numbers_is_one_reveal_with_how_many(client_as, salesperson, mine, month):
    for n in range(5):
        ClientFactory(salesperson=salesperson, name=f"客户{n}", phone=f"1390000000{n}")
    response = client_as(salesperson).get(_url(month), {"format": "xlsx"})
    values = _xlsx_values(response)
    assert FULL in values and "13900000004" in values
    (reveal,) = PhoneReveal.objects.all()
    assert (reveal.user, reveal.client, reveal.numbers) == (salesperson, None, 6)
    assert month.key in reveal.file and "xlsx" in reveal.file


def test_a_masked_file_is_no_reveal(client_as, office, mine, month):
    values = _xlsx_values(client_as(office).get(_url(month), {"format": "xlsx"}))
    assert MASKED in values and FULL not in values
    assert not PhoneReveal.objects.exists()
