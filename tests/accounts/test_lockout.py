"""Login protection: django-axes locks a username+IP pair after repeated failures."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def fail_login(client, username="sales1"):
    return client.post(reverse("accounts:login"), {"username": username, "password": "wrong"})


def test_repeated_failures_lock_the_account_with_a_clear_message(client, salesperson, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert fail_login(client).status_code == 200
    response = fail_login(client)
    assert response.status_code == 429
    assert "账号已暂时锁定" in response.content.decode()
    # even the right password is refused during the cool-off
    response = client.post(
        reverse("accounts:login"), {"username": "sales1", "password": "pass-1234"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, salesperson, salesperson2, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        fail_login(client, "sales1")
    response = client.post(
        reverse("accounts:login"), {"username": "sales2", "password": "pass-1234"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")


def test_success_before_limit_resets_failures(client, salesperson, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        fail_login(client)
    client.post(reverse("accounts:login"), {"username": "sales1", "password": "pass-1234"})
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert fail_login(client).status_code == 200


def test_cool_off_expires(client, salesperson, settings):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        fail_login(client)
    assert fail_login(client).status_code == 429
    # after the cool-off the attempt records are stale; axes clears expired ones
    from datetime import timedelta

    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1))
    response = client.post(
        reverse("accounts:login"), {"username": "sales1", "password": "pass-1234"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")


def test_argon2_is_the_production_hasher():
    from salesops import settings as project_settings

    hashers = [h for h in project_settings.PASSWORD_HASHERS if "MD5" not in h]
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
