"""Headers and sessions: a Content-Security-Policy without inline scripts, sessions that end after an
idle time and at browser close, and no traceback logged for an ordinary 403/404."""

import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# a <script> that runs code in the page (data given to a script as application/json does not run)
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE
)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_page_carries_a_policy_that_allows_only_this_sites_scripts(
    client, client_as, salesperson
):
    for response in (
        client.get(reverse("accounts:login")),
        client_as(salesperson).get(reverse("visits:visit_log")),
    ):
        directives = policy(response)
        assert directives["script-src"] == ["'self'"]
        assert "'unsafe-inline'" not in directives["script-src"]
        assert "'unsafe-eval'" not in directives["script-src"]
        assert directives["default-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["object-src"] == ["'none'"]


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        if ".venv" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_visit_form_loads_its_behaviour_from_static_js(client_as, salesperson):
    html = client_as(salesperson).get(reverse("visits:visit_log")).content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert "js/app.js" in html
    assert 'getElementById("new-client")' in (ROOT / "static/js/app.js").read_text()


def login(client):
    response = client.post(
        reverse("accounts:login"), {"username": "sales1", "password": "pass-1234"}
    )
    assert response.status_code == 302
    return response


def test_the_session_cookie_ends_at_browser_close(client, salesperson, settings):
    response = login(client)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_the_session_ends_after_the_idle_time_and_each_request_renews_it(
    client, salesperson, settings
):
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60  # the default idle time: 2 hours
    settings.SESSION_RENEW_SECONDS = 0  # renew on this very request (see the next test)
    login(client)
    session = Session.objects.get()
    # an hour later the user is still working: the request renews the deadline
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(hours=1))
    assert client.get(reverse("home")).status_code == 200
    renewed = Session.objects.get(pk=session.pk).expire_date
    assert renewed > timezone.now() + dt.timedelta(hours=1, minutes=59)
    # idle past the deadline: the next request asks to log in again
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_deadline_is_written_at_most_once_a_minute(client, salesperson, monkeypatch):
    """Renewing costs a database write: a request within SESSION_RENEW_SECONDS (60) of the last
    renewal leaves the session row alone; the first request after that pushes the deadline back."""
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def session_writes(ctx):
        return [q for q in ctx.captured_queries if q["sql"].startswith('UPDATE "django_session"')]

    login(client)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    assert session_writes(ctx) == []
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(hours=1))
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    assert len(session_writes(ctx)) == 1
    renewed = Session.objects.get().expire_date
    assert renewed > timezone.now() + dt.timedelta(hours=1, minutes=59)


def test_the_idle_time_is_configurable():
    from tests.accounts.test_settings import run_manage

    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)",
        DJANGO_DEBUG="1",
        DJANGO_SESSION_IDLE_MINUTES="30",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1800"


def test_an_ordinary_403_or_404_is_logged_without_a_traceback(
    client_as, office, salesperson, caplog
):
    caplog.set_level(logging.WARNING, logger="django.request")
    as_office = client_as(office)
    assert as_office.get(reverse("visits:visit_log")).status_code == 403
    assert as_office.get("/no/such/page/").status_code == 404
    records = [r for r in caplog.records if r.name == "django.request"]
    assert {r.status_code for r in records} == {403, 404}
    for record in records:
        assert record.exc_info is None
        assert "Traceback" not in caplog.text
