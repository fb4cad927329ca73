"""Every number read from the environment goes through the settings' env helpers: a bad value stops
start-up with one line naming the variable, never a traceback (issue 23; AXES_FAILURE_LIMIT=x used
to end in a ValueError traceback)."""

import json
import math
import os
import subprocess
import sys

import pytest

from tests.accounts.test_settings import ROOT, run_manage


def run_python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """``python -c code`` in the project, with the environment less DJANGO_* and DATABASE_URL."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


NUMBERS = [
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_HOURS",
    "DJANGO_TRUSTED_PROXY_COUNT",
    "PDF_TIME_BUDGET_SECONDS",
    "REPORT_CACHE_SECONDS",
    "CLIENT_POOL_IDLE_DAYS",
    "CLIENT_POOL_CLAIM_LIMIT",
    "CLIENT_IMPORT_MAX_MB",
    "CLIENT_IMPORT_MAX_ROWS",
    "EMAIL_PORT",
    "EMAIL_TIMEOUT",
    "NOTIFY_HTTP_TIMEOUT",
    "NOTIFY_HTTP_ATTEMPTS",
    "NOTIFY_SENDING_STALE_MINUTES",
    "DJANGO_SESSION_IDLE_MINUTES",
]

# one process loads the settings module afresh once per variable set to a bad value
LOAD_EACH = """
import importlib, json, os, sys
from django.core.exceptions import ImproperlyConfigured
said = {}
for name in json.loads(sys.argv[1]):
    os.environ[name] = "x"
    sys.modules.pop("salesops.settings", None)
    try:
        importlib.import_module("salesops.settings")
        said[name] = None
    except ImproperlyConfigured as exc:
        said[name] = str(exc)
    del os.environ[name]
print(json.dumps(said))
"""


def test_each_bad_number_is_refused_naming_its_variable():
    result = run_python(
        f"import sys; sys.argv[1:] = [{json.dumps(json.dumps(NUMBERS))}]\n" + LOAD_EACH,
        DJANGO_DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout)
    for name in NUMBERS:
        assert said[name] is not None, f"{name}=x was accepted"
        assert said[name].startswith(f"{name} must be a"), said[name]
        assert "'x'" in said[name] and "\n" not in said[name]


def test_a_bad_axes_failure_limit_stops_start_up_with_one_line():
    result = run_manage("check", DJANGO_DEBUG="1", AXES_FAILURE_LIMIT="x")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "Configuration error: AXES_FAILURE_LIMIT must be a whole number, not 'x' (default 5)"
    ]


@pytest.mark.parametrize(("value", "expected"), [("", 5), (" 7 ", 7), ("0", 0)])
def test_whole_numbers_unset_empty_or_spaced(monkeypatch, value, expected):
    from salesops.settings import env_int

    monkeypatch.setenv("SALESOPS_TEST_NUMBER", value)
    assert env_int("SALESOPS_TEST_NUMBER", 5) == expected


@pytest.mark.parametrize("value", ["nan", "inf", "1e999", "0.5h"])
def test_numbers_must_be_finite(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from salesops.settings import env_float

    monkeypatch.setenv("SALESOPS_TEST_NUMBER", value)
    with pytest.raises(ImproperlyConfigured, match="SALESOPS_TEST_NUMBER must be a number"):
        env_float("SALESOPS_TEST_NUMBER", 0.25)
    monkeypatch.setenv("SALESOPS_TEST_NUMBER", "0.5")
    assert math.isclose(env_float("SALESOPS_TEST_NUMBER", 0.25), 0.5)
