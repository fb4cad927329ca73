"""Settings come from the environment; bad configuration stops start-up with one clear line.

Most cases read the settings module in this process (``load_settings``: a fresh run of
salesops/settings.py under the given environment); a subprocess is started only where the whole
start-up is the subject (manage.py's one-line report, ``check``, ``check --deploy``)."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def load_settings(monkeypatch, **env: str) -> dict:
    """salesops/settings.py run afresh in this process under ``env`` (and no other DJANGO_ or
    DATABASE_URL variable): its names, or the ImproperlyConfigured it raises."""
    for name in list(os.environ):
        if name.startswith(("DJANGO_", "DATABASE_URL")):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "salesops" / "settings.py"))


def refusal(monkeypatch, **env: str) -> str:
    """The message a bad configuration stops start-up with: one line (manage.py prints it as is,
    ``test_malformed_database_url_stops_with_one_line``)."""
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured) as refused:
        load_settings(monkeypatch, **env)
    message = str(refused.value)
    assert "\n" not in message.strip()
    return message


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    assert "DJANGO_SECRET_KEY must be set" in refusal(monkeypatch, DJANGO_DEBUG="0")


def test_malformed_database_url_stops_with_one_line():
    result = run_manage("check", DJANGO_DEBUG="1", DATABASE_URL="nonsense://")
    assert result.returncode != 0
    assert "DATABASE_URL is malformed" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_debug_runs_with_defaults():
    result = run_manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_production_with_secret_key_passes_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k" * 20 + "x8!Fq2#Lm9@pZ4$wR7^tY1&uI3*oP6(aS0)",
        DJANGO_ALLOWED_HOSTS="sales.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://postgres@127.0.0.1:5432/salesops", "django.db.backends.postgresql"),
        ("sqlite:////tmp/x.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_url_is_parsed(monkeypatch, url, engine):
    from salesops.settings import database_from_env

    monkeypatch.setenv("DATABASE_URL", url)
    assert database_from_env()["ENGINE"] == engine


def test_default_database_is_sqlite_beside_project(monkeypatch):
    from salesops.settings import database_from_env

    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config["NAME"]).parent == ROOT


def test_time_zone_and_language(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_migrations_are_complete():
    result = run_manage("makemigrations", "--check", "--dry-run", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_SSL_REDIRECT", "flase"),
        ("DJANGO_DEBUG", "maybe"),
        ("AXES_ENABLED", "enabled"),
    ],
)
def test_unknown_boolean_stops_start_up_with_one_line(monkeypatch, name, value):
    env = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k" * 50,
        "DJANGO_ALLOWED_HOSTS": "sales.example.com",
        name: value,
    }
    message = refusal(monkeypatch, **env)
    assert name in message
    assert repr(value) in message


def test_unknown_boolean_is_refused_even_where_it_would_not_matter(monkeypatch):
    # in debug the HTTPS redirect is off anyway; the typo is still reported, not ignored
    message = refusal(monkeypatch, DJANGO_DEBUG="1", DJANGO_SSL_REDIRECT="flase")
    assert "DJANGO_SSL_REDIRECT='flase'" in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        *[(v, True) for v in ("1", "true", "True", "YES", "on", " On ")],
        *[(v, False) for v in ("0", "false", "FALSE", "no", "Off")],
    ],
)
def test_booleans_accept_exactly_the_usual_spellings(monkeypatch, value, expected):
    from salesops.settings import env_bool

    monkeypatch.setenv("SALESOPS_TEST_FLAG", value)
    assert env_bool("SALESOPS_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("value", ["flase", "2", "y", "enable", "none", "-1"])
def test_booleans_refuse_anything_else(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from salesops.settings import env_bool

    monkeypatch.setenv("SALESOPS_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="SALESOPS_TEST_FLAG"):
        env_bool("SALESOPS_TEST_FLAG", True)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_unset_or_empty_boolean_takes_the_default(monkeypatch, value):
    from salesops.settings import env_bool

    if value is None:
        monkeypatch.delenv("SALESOPS_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("SALESOPS_TEST_FLAG", value)
    assert env_bool("SALESOPS_TEST_FLAG", True) is True
    assert env_bool("SALESOPS_TEST_FLAG", False) is False


def test_the_suite_runs_under_the_test_settings():
    from django.conf import settings

    # pyproject.toml names the module; pytest-django exports it (settings fixtures wrap the object)
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "salesops.settings_test"
    assert settings.TESTING is True
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.MD5PasswordHasher"
    assert settings.SECURE_SSL_REDIRECT is False


def test_importing_pytest_does_not_switch_on_test_mode(monkeypatch):
    # this process has pytest imported: the production settings still demand a key…
    assert "pytest" in sys.modules
    assert "DJANGO_SECRET_KEY must be set" in refusal(monkeypatch, DJANGO_DEBUG="0")
    # …and, given one, keep every production protection on
    s = load_settings(monkeypatch, DJANGO_DEBUG="0", DJANGO_SECRET_KEY="k" * 50)
    assert (s["TESTING"], s["SECURE_SSL_REDIRECT"], s["SESSION_COOKIE_SECURE"]) == (
        False,
        True,
        True,
    )
    assert s["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_test_settings_start_without_debug_or_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="salesops.settings_test")
    assert result.returncode == 0, result.stderr
