"""The ways out: e-mail (Django's e-mail framework) and the group robots of 企业微信 (WeCom) and 钉钉
(DingTalk). Each send raises ``ChannelError`` with a short reason when it fails.

A webhook is somebody else's server, so every call is bounded and fenced (docs/design.md §Bad input):
- NOTIFY_HTTP_TIMEOUT is the whole attempt's deadline — connect, send, headers and body — not a
  per-read timeout: a server that drips one byte every two seconds is cut off at the deadline;
  NOTIFY_HTTP_ATTEMPTS attempts at most, so one send lasts at most ``max_send_seconds()``;
- redirects are not followed (a 3xx is a failure that names it);
- only https, and only public addresses: loopback, private, link-local (169.254.169.254, the cloud's
  metadata service), multicast and reserved addresses are refused — checked on the address the
  socket actually connected to, so a name that resolves elsewhere later does not get through —
  unless NOTIFY_WEBHOOK_ALLOW_PRIVATE is on (a robot relay inside the firm's network; the tests'
  local fakes). ``webhook_refusal`` says the same to the admin form before anything is saved.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _


class ChannelError(Exception):
    def __init__(self, reason: str, attempts: int = 1):
        super().__init__(reason)
        self.reason = reason[:1000]
        self.attempts = attempts


def send_email(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> None:
    """One message by the configured e-mail backend; a refusing server is a ``ChannelError``."""
    message = EmailMessage(
        subject=subject.replace("\n", " ")[:200],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # smtplib, socket and backend errors alike: recorded, never raised on
        raise ChannelError(f"{type(exc).__name__}: {exc}") from exc


def dingtalk_signed_url(webhook_url: str, secret: str, timestamp_ms: int | None = None) -> str:
    """DingTalk's 加签: HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret, base64, as the
    ``timestamp`` and ``sign`` query parameters."""
    if not secret:
        return webhook_url
    timestamp = str(timestamp_ms if timestamp_ms is not None else round(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in webhook_url else "?"
    return f"{webhook_url}{joiner}timestamp={timestamp}&sign={sign}"


def robot_payload(kind: str, title: str, markdown: str) -> dict:
    if kind == "dingtalk":
        return {"msgtype": "markdown", "markdown": {"title": title[:60], "text": markdown}}
    return {"msgtype": "markdown", "markdown": {"content": markdown}}


def _allow_private() -> bool:
    return bool(getattr(settings, "NOTIFY_WEBHOOK_ALLOW_PRIVATE", False))


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def webhook_refusal(url: str) -> str | None:
    """Why this webhook address may not be used, or None (the admin form's check; the same rules
    hold again at each send, on the connected address)."""
    parts = urllib.parse.urlsplit(url)
    allow_private = _allow_private()
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes or not parts.hostname:
        return str(_("Webhook 地址须以 https:// 开头。"))
    if parts.username or parts.password:
        return str(_("Webhook 地址不能包含用户名或密码。"))
    if allow_private:
        return None
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return str(_("无法解析 Webhook 地址的主机名。"))
    if not infos or not all(_public(str(info[4][0])) for info in infos):
        return str(_("Webhook 地址不能指向本机、内网或保留地址。"))
    return None


class _Fenced:
    """Refuses the peer the TCP socket connected to (after DNS, before TLS or any byte is sent)
    and keeps the live socket so that the deadline can cut it. The check wraps
    ``http.client.HTTPConnection._create_connection``, the standard library's one seam for the TCP
    connect (tests/notifications/test_webhook_fence.py asserts it still exists)."""

    sock: socket.socket | None
    live_sock: socket.socket | None = None

    _create_connection: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        create = self._create_connection

        def create_checked(*a: object, **kw: object) -> socket.socket:
            sock = create(*a, **kw)
            if not _allow_private():
                peer = str(sock.getpeername()[0])
                if not _public(peer):
                    sock.close()
                    raise ChannelError(f"refused address {peer}: not a public address")
            return sock

        self._create_connection = create_checked

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self.live_sock = self.sock


class _HTTPSConnection(_Fenced, http.client.HTTPSConnection):
    pass


class _HTTPConnection(_Fenced, http.client.HTTPConnection):
    pass


def max_send_seconds() -> float:
    """The longest one robot send can take: every attempt to its deadline, plus the pauses."""
    attempts = max(1, int(settings.NOTIFY_HTTP_ATTEMPTS))
    backoff = float(settings.NOTIFY_HTTP_BACKOFF)
    return attempts * float(settings.NOTIFY_HTTP_TIMEOUT) + backoff * sum(range(1, attempts))


def _post_once(url: str, payload: dict, timeout: float) -> None:
    parts = urllib.parse.urlsplit(url)
    refusal = None
    if parts.scheme not in (("https", "http") if _allow_private() else ("https",)):
        refusal = "only https webhooks are allowed"
    if not parts.hostname:
        refusal = "no host in the webhook address"
    if refusal:
        raise ChannelError(refusal)
    connection_class = _HTTPSConnection if parts.scheme == "https" else _HTTPConnection
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    data = json.dumps(payload, ensure_ascii=False).encode()
    expired = threading.Event()

    def cut_off() -> None:  # the attempt's deadline: whatever is still open is closed
        expired.set()
        sock = connection.live_sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(timeout, cut_off)
    timer.daemon = True
    timer.start()
    try:
        connection.request(
            "POST", path, body=data, headers={"Content-Type": "application/json; charset=utf-8"}
        )
        response = connection.getresponse()
        status = response.status
        raw = response.read(65536)
    except ChannelError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if expired.is_set():
            raise ChannelError(f"timed out after {timeout:g} s") from exc
        raise ChannelError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        timer.cancel()
        connection.close()
    if expired.is_set():
        raise ChannelError(f"timed out after {timeout:g} s")
    if 300 <= status < 400:
        raise ChannelError(f"HTTP {status}: redirects are not followed")
    if status >= 400:
        raise ChannelError(f"HTTP {status}")
    try:
        answer = json.loads(raw or b"{}")
    except ValueError as exc:
        raise ChannelError("invalid JSON answer") from exc
    errcode = answer.get("errcode", 0) if isinstance(answer, dict) else 0
    if errcode not in (0, "0"):
        raise ChannelError(f"errcode {errcode}: {str(answer.get('errmsg', ''))[:200]}")


def send_robot(
    *,
    kind: str,
    webhook_url: str,
    secret: str,
    title: str,
    markdown: str,
    attempts: int | None = None,
) -> int:
    """Post a markdown message to a group robot, trying up to ``attempts`` (default
    NOTIFY_HTTP_ATTEMPTS) times, each ended at NOTIFY_HTTP_TIMEOUT seconds whatever the server does. Returns the attempts used;
    raises ``ChannelError`` with the last reason when every attempt failed."""
    attempts = max(1, int(settings.NOTIFY_HTTP_ATTEMPTS if attempts is None else attempts))
    payload = robot_payload(kind, title, markdown)
    last = ChannelError("not tried")
    for attempt in range(1, attempts + 1):
        url = dingtalk_signed_url(webhook_url, secret) if kind == "dingtalk" else webhook_url
        try:
            _post_once(url, payload, float(settings.NOTIFY_HTTP_TIMEOUT))
        except ChannelError as exc:
            last = exc
            if attempt < attempts:
                time.sleep(float(settings.NOTIFY_HTTP_BACKOFF) * attempt)
            continue
        return attempt
    raise ChannelError(last.reason, attempts)
