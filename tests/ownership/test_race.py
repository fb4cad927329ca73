"""The unique number proven on PostgreSQL: two registrations of one number at the same moment,
on two connections — both pass the service's check, the database refuses the second, and its user
gets the same clear refusal. Nothing half-made is left behind."""

import pytest

from salesops.services import ServiceError
from tests.concurrency import race
from visits import services
from visits.models import Client, Visit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
]


def _no_check(monkeypatch):
    """Both requests find the number free, as two requests at one moment do."""
    monkeypatch.setattr(
        services, "phone_taken", lambda key, exclude_pk=None, **kw: None, raising=True
    )


def test_two_registrations_of_one_number_at_once_only_one_wins(salesperson, other_salesperson):
    results = race(
        lambda: services.client_register(by=salesperson, name="甲", phone="13812345678"),
        lambda: services.client_register(by=other_salesperson, name="乙", phone="138 1234 5678"),
    )
    assert sorted(r[0] for r in results) == ["error", "ok"], results
    loser = next(r[1] for r in results if r[0] == "error")
    assert isinstance(loser, ServiceError) and "该号码已是" in loser.message
    assert Client.objects.filter(phone_normalized="+8613812345678").count() == 1


def test_the_constraint_catches_what_the_check_missed(monkeypatch, salesperson, other_salesperson):
    """With the service's check out of the way (the window of a race), the constraint alone
    refuses the second insert, and the user still reads who owns the number."""
    real = services.phone_taken
    calls = []

    def check_only_after_the_insert(key, exclude_pk=None, **kw):
        calls.append(key)
        return None if len(calls) <= 2 else real(key, exclude_pk=exclude_pk, **kw)

    monkeypatch.setattr(services, "phone_taken", check_only_after_the_insert)
    results = race(
        lambda: services.client_register(by=salesperson, name="甲", phone="13812345678"),
        lambda: services.client_register(by=other_salesperson, name="乙", phone="13812345678"),
    )
    assert sorted(r[0] for r in results) == ["error", "ok"], results
    loser = next(r[1] for r in results if r[0] == "error")
    assert isinstance(loser, ServiceError) and "该号码已是" in loser.message
    assert Client.objects.count() == 1


def test_a_visit_to_a_new_client_racing_a_registration_leaves_no_visit(
    monkeypatch, salesperson, other_salesperson
):
    from django.utils import timezone

    _no_check(monkeypatch)
    visit = {
        "date": timezone.localdate(),
        "kind": "onsite",
        "purpose": "first",
        "summary": "面谈",
    }
    results = race(
        lambda: services.visit_log_new_client(
            by=salesperson, name="甲", phone="13812345678", **visit
        ),
        lambda: services.visit_log_new_client(
            by=other_salesperson, name="乙", phone="13812345678", **visit
        ),
    )
    assert sorted(r[0] for r in results) == ["error", "ok"], results
    assert Client.objects.count() == 1 and Visit.objects.count() == 1
