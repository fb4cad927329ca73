"""Where a request really comes from, behind the reverse proxies this deployment trusts.

Behind the TLS proxy that the README prescribes, ``REMOTE_ADDR`` is the proxy's own address for
every user, so anything keyed on it (the login lockout above all) would lump everyone together.
Each trusted proxy appends the address it received the request from to ``X-Forwarded-For``; with
``TRUSTED_PROXY_COUNT`` proxies in front of the app, the client is the entry that many places from
the right. Entries further left were written by the client itself and are never believed.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR`` without proxies; otherwise the address the outermost
    trusted proxy saw. A request that did not pass through every trusted proxy (too few entries) or
    carries a malformed entry is keyed on ``REMOTE_ADDR``: never on something the client wrote."""
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part.strip() for part in forwarded if part.strip()]
    if len(forwarded) < count:
        return remote
    return _valid(forwarded[-count]) or remote
