"""Settings come from the environment; bad configuration stops start-up with one clear line."""

import os
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


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
    assert "Traceback" not in result.stderr


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
