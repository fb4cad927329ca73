"""Phone numbers validated and normalised (mainland mobile and landline); amounts typed in words
get "请输入数字金额"; each message shows once (issue 10)."""

import pytest
from django.urls import reverse

from salesops.phones import normalize_phone
from tests.visits.factories import ClientFactory
from visits.models import Client, Deposit

pytestmark = pytest.mark.django_db

PHONE_ERROR = "请输入正确的电话号码"
MONEY_ERROR = "请输入数字金额，例如 10000"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("010-12345678", "010-12345678"),
        ("(021)87654321", "021-87654321"),
        ("0755 8888 9999", "0755-88889999"),
        ("", ""),
    ],
)
def test_numbers_are_normalised(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["138abcd5678", "12345", "1381234567", "电话13812345678"])
def test_non_numbers_are_refused(typed):
    assert normalize_phone(typed) is None


def test_registering_a_client_with_letters_in_the_phone_is_refused_once(client_as, salesperson):
    response = client_as(salesperson).post(
        reverse("visits:client_register"),
        {"name": "张三", "phone": "138abcd5678", "source": "cold"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count(PHONE_ERROR) == 1
    assert not Client.objects.exists()


def test_registering_a_client_stores_the_normalised_number(client_as, salesperson):
    client_as(salesperson).post(
        reverse("visits:client_register"),
        {"name": "张三", "phone": "+86 138-1234-5678", "source": "cold"},
    )
    assert Client.objects.get().phone == "13812345678"


def test_new_client_on_the_visit_form_gets_a_normalised_landline(client_as, salesperson):
    from django.utils import timezone

    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "new_name": "李四",
            "new_phone": "(021)87654321",
            "new_source": "cold",
            "date": timezone.localdate().isoformat(),
            "kind": "onsite",
            "purpose": "first",
            "summary": "陌拜",
        },
    )
    assert response.status_code == 302
    assert Client.objects.get().phone == "021-87654321"


def test_editing_a_clients_phone_is_validated(client_as, salesperson):
    c = ClientFactory(salesperson=salesperson, phone="13812345678")
    response = client_as(salesperson).post(
        reverse("visits:client_edit", args=[c.pk]),
        {"version": c.version, "name": c.name, "phone": "138abcd5678", "source": "cold"},
    )
    assert response.content.decode().count(PHONE_ERROR) == 1
    assert Client.objects.get().phone == "13812345678"


def test_an_amount_in_words_is_asked_for_in_digits_once(client_as, salesperson):
    from django.utils import timezone

    c = ClientFactory(salesperson=salesperson, status="funded")
    response = client_as(salesperson).post(
        reverse("visits:client_action", args=[c.pk, "record_deposit"]),
        {
            "record_deposit-version": c.version,
            "record_deposit-date": timezone.localdate().isoformat(),
            "record_deposit-amount": "一万",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert body.count(MONEY_ERROR) == 1
    assert "必填" not in body and "This field is required" not in body
    assert not Deposit.objects.exists()


def test_amount_inputs_are_text_with_a_number_pad_so_words_reach_the_server(client_as, salesperson):
    c = ClientFactory(salesperson=salesperson, status="funded")
    body = client_as(salesperson).get(reverse("visits:client_detail", args=[c.pk]))
    html = body.content.decode()
    start = html.index('name="record_deposit-amount"')
    tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
    assert 'type="text"' in tag and 'inputmode="decimal"' in tag


def test_a_refused_work_log_shows_its_message_once(client_as, salesperson):
    from django.utils import timezone

    from plans.models import WorkLog
    from plans.services import worklog_write

    worklog_write(salesperson=salesperson, date=timezone.localdate(), content="x")
    # a second "first" log of the day (no version): someone saved one meanwhile
    response = client_as(salesperson).post(reverse("plans:worklog"), {"content": "y"}, follow=True)
    body = response.content.decode()
    assert body.count("这一天已经写过日志") == 1
    assert WorkLog.objects.get().content == "x"
