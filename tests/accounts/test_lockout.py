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


# Behind the trusted reverse proxy every request comes from the proxy's address (REMOTE_ADDR); the
# proxy appends the address it saw to X-Forwarded-For. Lockout is per username + that real address.
PROXY = "10.0.0.1"
ATTACKER = "203.0.113.9"
USER_ADDRESS = "198.51.100.7"


def login_via_proxy(client, forwarded_for, password="wrong", username="sales1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_the_proxy_an_attacker_elsewhere_cannot_lock_out_the_user(
    client, salesperson, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login_via_proxy(client, ATTACKER)
    # the attacker is locked, even with the right password, even forging the user's address
    # in the part of the header the client writes itself
    assert login_via_proxy(client, ATTACKER, password="pass-1234").status_code == 429
    forged = f"{USER_ADDRESS}, {ATTACKER}"
    assert login_via_proxy(client, forged, password="pass-1234").status_code == 429
    assert "_auth_user_id" not in client.session
    # the user, through the same proxy from their own address, still logs in
    from django.test import Client

    user = Client()
    response = login_via_proxy(user, USER_ADDRESS, password="pass-1234")
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert user.session["_auth_user_id"] == str(salesperson.pk)


def test_without_a_configured_proxy_the_header_is_ignored(client, salesperson, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for index in range(settings.AXES_FAILURE_LIMIT):
        login_via_proxy(client, f"203.0.113.{index}")
    # a client cannot dodge the lockout by writing a fresh X-Forwarded-For each time
    assert login_via_proxy(client, "203.0.113.99", password="pass-1234").status_code == 429


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, "10.0.0.1", "203.0.113.9", "10.0.0.1"),  # no proxy: the header is the client's word
        (1, "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.1", "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # forged left part ignored
        (2, "10.0.0.2", "198.51.100.7, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "10.0.0.1", "203.0.113.9", "10.0.0.1"),  # did not pass every proxy
        (1, "10.0.0.1", "", "10.0.0.1"),
        (1, "10.0.0.1", "not-an-address", "10.0.0.1"),
        (1, "10.0.0.1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_reads_the_trusted_proxys_entry(rf, settings, count, remote, forwarded, expected):
    from salesops.network import client_ip

    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_malformed_proxy_count_stops_start_up_with_one_line():
    from tests.accounts.test_settings import run_manage

    result = run_manage("check", DJANGO_DEBUG="1", DJANGO_TRUSTED_PROXY_COUNT="one")
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT must be a whole number" in result.stderr
    assert "Traceback" not in result.stderr
