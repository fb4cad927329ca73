"""The ways out: e-mail (Django's e-mail framework) and the group robots of 企业微信 (WeCom) and 钉钉
(DingTalk). Each send raises ``ChannelError`` with a short reason when it fails; HTTP calls have a
timeout and a bounded number of attempts (NOTIFY_HTTP_TIMEOUT, NOTIFY_HTTP_ATTEMPTS)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage


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


def _post_once(url: str, payload: dict, timeout: float) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=data, headers={"Content-Type": "application/json; charset=utf-8"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            raw = response.read(65536)
    except urllib.error.HTTPError as exc:
        raise ChannelError(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ChannelError(f"{type(exc).__name__}: {reason}") from exc
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
    NOTIFY_HTTP_ATTEMPTS) times, each within NOTIFY_HTTP_TIMEOUT seconds. Returns the attempts used;
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
