"""One number, one owner: phone_normalized unique among the firm's live clients (a database
constraint), a known number refused naming its owner masked, nothing changed."""

import re

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from salesops.phones import phone_e164
from salesops.services import ServiceError
from tests.visits.factories import ClientFactory
from visits import services
from visits.masking import mask_name
from visits.models import Client, Visit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("13812345678", "+8613812345678"),
        ("138 1234 5678", "+8613812345678"),
        ("+86 138-1234-5678", "+8613812345678"),
        ("010-12345678", "+861012345678"),
        ("(021)87654321", "+862187654321"),
        ("+1 415 555 2671", "+14155552671"),
        ("", ""),
        (None, ""),
        ("138abcd5678", ""),
        ("12345", ""),
        ("1３8１2345678", "+8613812345678"),  # full-width digits: the same number
        ('=HYPERLINK("x")', ""),
    ],
)
def test_phone_e164(typed, key):
    assert phone_e164(typed) == key


@pytest.mark.parametrize(("name", "shown"), [("王芳", "王*"), ("欧阳明月", "欧***"), ("", "*")])
def test_mask_name(name, shown):
    assert mask_name(name) == shown


def test_registering_sets_the_key(salesperson):
    client = services.client_register(by=salesperson, name="张三", phone="138 1234 5678")
    assert Client.objects.get(pk=client.pk).phone_normalized == "+8613812345678"


@pytest.mark.parametrize("typed", ["13812345678", "+86 138-1234-5678", "138 1234 5678"])
def test_a_known_number_is_refused_naming_its_owner_masked(salesperson, other_salesperson, typed):
    services.client_register(by=other_salesperson, name="甲", phone="13812345678")
    before = Client.objects.count()
    owner = other_salesperson.display_name
    masked = re.escape(f"该号码已是 {mask_name(owner)} 的客户，不能重复登记")
    with pytest.raises(ServiceError, match=masked) as exc:
        services.client_register(by=salesperson, name="乙", phone=typed)
    assert exc.value.field == "phone"
    assert owner not in exc.value.message
    assert Client.objects.count() == before


def test_the_database_refuses_a_second_live_client_with_the_key(salesperson):
    ClientFactory(salesperson=salesperson, phone_normalized="+8613812345678")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientFactory(salesperson=salesperson, phone_normalized="+8613812345678")


def test_archived_and_unkeyed_clients_are_not_compared(salesperson):
    ClientFactory(
        salesperson=salesperson, phone_normalized="+8613812345678", archived_at=timezone.now()
    )
    ClientFactory(salesperson=salesperson, phone_normalized="")
    ClientFactory(salesperson=salesperson, phone_normalized="")
    client = services.client_register(by=salesperson, name="新", phone="13812345678")
    assert client.phone_normalized == "+8613812345678"


def test_editing_to_a_known_number_is_refused_and_changes_nothing(salesperson, salesperson2):
    services.client_register(by=salesperson2, name="甲", phone="13812345678")
    mine = services.client_register(by=salesperson, name="乙", phone="13900000000")
    with pytest.raises(ServiceError, match="该号码已是 李\\* 的客户"):
        services.client_update_info(
            client=mine, by=salesperson, expected_version=mine.version, phone="13812345678"
        )
    fresh = Client.objects.get(pk=mine.pk)
    assert (fresh.phone, fresh.phone_normalized, fresh.version) == (
        "13900000000",
        "+8613900000000",
        mine.version,
    )


def test_editing_a_client_keeps_its_own_number(salesperson):
    mine = services.client_register(by=salesperson, name="乙", phone="13900000000")
    services.client_update_info(
        client=mine, by=salesperson, expected_version=mine.version, phone="139 0000 0000"
    )
    assert Client.objects.get(pk=mine.pk).phone_normalized == "+8613900000000"


def test_a_duplicate_from_before_the_rule_stays_editable(salesperson):
    """The migration left the later of two live clients sharing a number unkeyed: editing its
    other fields still works; its number stays unkeyed until it changes."""
    ClientFactory(salesperson=salesperson, phone="13812345678", phone_normalized="+8613812345678")
    old = ClientFactory(salesperson=salesperson, phone="13812345678", phone_normalized="")
    services.client_update_info(
        client=old, by=salesperson, expected_version=old.version, phone="13812345678", remarks="x"
    )
    fresh = Client.objects.get(pk=old.pk)
    assert (fresh.remarks, fresh.phone_normalized) == ("x", "")


def test_the_migration_keys_the_first_and_leaves_later_duplicates_unkeyed(salesperson, capsys):
    from importlib import import_module

    fill = import_module("visits.migrations.0003_client_phone_normalized").fill_phone_normalized
    first = ClientFactory(salesperson=salesperson, phone="138 1234 5678")
    later = ClientFactory(salesperson=salesperson, phone="+86 13812345678")
    archived = ClientFactory(
        salesperson=salesperson, phone="13812345678", archived_at=timezone.now()
    )
    bad = ClientFactory(salesperson=salesperson, phone="n/a")
    fill(django_apps, None)
    keys = dict(Client.objects.values_list("pk", "phone_normalized"))
    assert keys[first.pk] == "+8613812345678" and keys[archived.pk] == "+8613812345678"
    assert keys[later.pk] == "" and keys[bad.pk] == ""
    assert f"client {later.pk}" in capsys.readouterr().out


def test_register_page_shows_the_refusal(client_as, salesperson, other_salesperson):
    services.client_register(by=other_salesperson, name="甲", phone="13812345678")
    response = client_as(salesperson).post(
        reverse("visits:client_register"),
        {"name": "乙", "phone": "138-1234-5678", "source": "cold", "confirm_similar": "on"},
    )
    assert response.status_code == 200
    assert "该号码已是" in response.content.decode()
    assert Client.objects.count() == 1


def test_logging_a_visit_to_a_new_client_with_a_known_number_refuses_both(
    client_as, salesperson, other_salesperson
):
    services.client_register(by=other_salesperson, name="甲", phone="13812345678")
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "new_name": "乙",
            "new_phone": "13812345678",
            "new_source": "cold",
            "date": timezone.localdate().isoformat(),
            "kind": "onsite",
            "purpose": "first",
            "summary": "面谈",
        },
    )
    body = response.content.decode()
    assert "该号码已是" in body
    assert Client.objects.count() == 1 and Visit.objects.count() == 0


def test_the_admin_keys_a_changed_number_and_refuses_a_known_one(
    client_as, salesperson, salesperson2
):
    from tests.factories import UserFactory

    root = UserFactory(username="root", role="", team=None, is_superuser=True, is_staff=True)
    taken = services.client_register(by=salesperson2, name="甲", phone="13812345678")
    mine = services.client_register(by=salesperson, name="乙", phone="13900000000")
    url = reverse("admin:visits_client_change", args=[mine.pk])
    data = {"name": "乙", "source": "other", "team": mine.team_id, "salesperson": salesperson.pk}
    response = client_as(root).post(url, {**data, "phone": "138 1234 5678"})
    assert response.status_code == 200 and "该号码已是" in response.content.decode()
    assert Client.objects.get(pk=mine.pk).phone == "13900000000"
    response = client_as(root).post(url, {**data, "phone": "13700000000"})
    assert response.status_code == 302
    assert Client.objects.get(pk=mine.pk).phone_normalized == "+8613700000000"
    assert taken.phone_normalized == "+8613812345678"
