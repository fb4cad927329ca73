"""Links in mails use the configured site address (SALESOPS_BASE_URL); without it (demo,
development) the address the site is served at — never a port written in the code."""

import pytest
from django.core import mail
from django.urls import reverse

from notifications.delivery import absolute
from notifications.models import Kind
from notifications.services import notify
from salesops import requestcache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_remembered_origin(monkeypatch):
    monkeypatch.setattr(requestcache, "_origin", "", raising=False)


def test_the_configured_address_is_used(settings):
    settings.SALESOPS_BASE_URL = "https://sales.example.com"
    assert absolute("/visits/clients/1/") == "https://sales.example.com/visits/clients/1/"


def test_without_it_the_address_the_site_is_served_at(
    settings, client_as, manager, salesperson, django_capture_on_commit_callbacks
):
    settings.SALESOPS_BASE_URL = ""
    salesperson.email = "wangfang@example.com"
    salesperson.save()
    settings.ALLOWED_HOSTS = ["demo.local"]
    assert absolute("/x/") == "/x/"  # nothing known yet: the link stays relative, no made-up port
    client_as(manager).get(reverse("home"), HTTP_HOST="demo.local:9001")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            kind=Kind.REVISIT_OVERDUE,
            recipient=salesperson,
            subject=salesperson,
            period="2026-12-01",
            params={"client": "客户甲", "due": "2026-12-01"},
            url="/visits/clients/1/",
        )
    (message,) = [m for m in mail.outbox if m.to == [salesperson.email]]
    assert "http://demo.local:9001/visits/clients/1/" in message.body
    assert ":8000" not in message.body
