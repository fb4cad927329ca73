"""Number look-ups by the duplicate check are on record and capped (docs/design.md §Duplicate
look-ups: 10 an hour per user): probing who owns which number stops at the cap with a clear message,
and a refused action's look-up stays on record."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from visits import services
from visits.models import Client, PhoneLookup


def _edit(browser, client, phone):
    return browser.post(
        reverse("visits:client_edit", args=[client.pk]),
        {"name": client.name, "phone": phone, "source": "other", "version": client.version},
    )


def test_probing_numbers_stops_at_ten_an_hour(client_as, salesperson, salesperson2):
    mine = services.client_register(by=salesperson, name="乙", phone="13800000000")
    for n in range(5):
        services.client_register(by=salesperson2, name=f"甲{n}", phone=f"1390000000{n}")
    browser = client_as(salesperson)
    for n in range(10):
        response = _edit(browser, mine, f"1390000000{n}")  # five taken, then five free
        mine.refresh_from_db()
        if n < 5:
            assert "该号码已是" in response.content.decode()
    assert PhoneLookup.objects.filter(user=salesperson).count() == 10
    assert PhoneLookup.objects.filter(user=salesperson, found=True).count() == 5
    assert PhoneLookup.objects.get(user=salesperson, found=True, holder__phone="13900000000")
    # the eleventh is refused before it looks: nothing learnt, nothing saved
    before = mine.phone
    response = _edit(browser, mine, "13900000001")
    assert "号码查重过于频繁：每小时最多 10 次，请稍后再试。" in response.content.decode()
    mine.refresh_from_db()
    assert mine.phone == before
    assert PhoneLookup.objects.filter(user=salesperson).count() == 10


def test_the_cap_is_per_hour_and_per_user(client_as, salesperson, salesperson2):
    old = timezone.now() - dt.timedelta(hours=1, minutes=1)
    PhoneLookup.objects.bulk_create(
        PhoneLookup(user=salesperson, number="139****0000", at=old) for _ in range(10)
    )
    PhoneLookup.objects.bulk_create(
        PhoneLookup(user=salesperson2, number="139****0000", at=timezone.now()) for _ in range(10)
    )
    response = client_as(salesperson).post(
        reverse("visits:client_register"),
        {"name": "新客户", "phone": "13712345678", "source": "other", "confirm_similar": "on"},
    )
    assert "号码查重过于频繁" not in response.content.decode()
    assert Client.objects.filter(phone="13712345678").exists()


def test_keeping_ones_own_number_is_no_lookup(client_as, salesperson):
    mine = services.client_register(by=salesperson, name="乙", phone="13800000000")
    _edit(client_as(salesperson), mine, "138****0000")
    _edit(client_as(salesperson), mine, "13800000000")
    assert not PhoneLookup.objects.exists()
