"""What the ownership pages read: the transfer queue, the client page's part, the home count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext

from accounts.models import Role, User
from accounts.scoping import visible_to
from salesops.registry import TodoLine
from salesops.services import now
from visits.masking import REVEAL_MINUTES, SESSION_KEY
from visits.models import Client

from . import rules
from .models import ClientTransfer, TransferState


def transfers_for(user: User) -> QuerySet[ClientTransfer]:
    """The requests of the user's scope, and those the user asked (across teams: 申请转移)."""
    rows = ClientTransfer.objects.select_related(
        "client", "team", "from_salesperson", "to_salesperson", "requested_by", "decided_by"
    )
    seen = visible_to(user, rows).values("pk")
    if not user.is_authenticated:
        return rows.none()
    return rows.filter(Q(pk__in=seen) | Q(requested_by=user))


def pending_for_manager(user: User) -> QuerySet[ClientTransfer]:
    """Requests waiting for this user's decision, oldest first: a manager's, of the teams they
    manage (not those they asked); the leader's, those a team's manager asked."""
    if user.role == Role.LEADER:
        rows = visible_to(user, ClientTransfer.objects.all())
    elif user.role == Role.MANAGER or user.is_superuser:
        rows = transfers_for(user)
    else:
        return ClientTransfer.objects.none()
    pending = rows.filter(state=TransferState.PENDING).select_related(
        "client", "team", "from_salesperson", "to_salesperson", "requested_by"
    )
    ids = [t.pk for t in pending if rules.may_decide(user, t)]
    return pending.filter(pk__in=ids).order_by("requested_at", "pk")


def home_context(user: User) -> dict[str, Any]:
    if user.role in (Role.MANAGER, Role.LEADER):
        return {"transfers_pending_count": pending_for_manager(user).count()}
    return {}


# --- 申请转移 from the duplicate-number refusal ------------------------------------------------

ASK_SALT = "ownership.ask"
ASK_MAX_AGE = 24 * 3600  # the link from a refusal stays good for a day


def ask_token(user: User, client: Client) -> str:
    """The link's key: this client, for this user only (no client id to walk through)."""
    return signing.dumps({"c": client.pk, "u": user.pk}, salt=ASK_SALT)


def asked_client(user: User, token: str) -> Client | None:
    try:
        data = signing.loads(token, salt=ASK_SALT, max_age=ASK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != user.pk:
        return None
    return Client.objects.select_related("salesperson", "team").filter(pk=data.get("c")).first()


def ask_link(user: User, client: Client) -> dict[str, str] | None:
    if not rules.may_ask_for(user, client):
        return None
    return {
        "url": reverse("ownership:transfer_ask", args=[ask_token(user, client)]),
        "label": gettext("申请转移"),
    }


# --- the client page -----------------------------------------------------------------------------


def _reveals(request: HttpRequest) -> dict[str, str]:
    stored = request.session.get(SESSION_KEY)
    return stored if isinstance(stored, dict) else {}


def remember_reveal(request: HttpRequest, client: Client) -> None:
    """The page shows this client's full number to this session for the next REVEAL_MINUTES."""
    cutoff = now() - dt.timedelta(minutes=REVEAL_MINUTES)
    kept = {}
    for key, value in _reveals(request).items():
        when = _when(value)
        if when is not None and when > cutoff:
            kept[key] = value
    kept[str(client.pk)] = now().isoformat()
    request.session[SESSION_KEY] = kept


def _when(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def is_revealed(request: HttpRequest, client: Client) -> bool:
    when = _when(_reveals(request).get(str(client.pk)))
    return when is not None and when > now() - dt.timedelta(minutes=REVEAL_MINUTES)


def client_page(request: HttpRequest, client: Client) -> dict[str, Any]:
    """The client page's number (masked unless revealed), its 显示号码 and 申请转移 buttons and the
    request waiting on it."""
    user = request.user
    may_reveal = rules.may_reveal(user, client)  # type: ignore[arg-type]
    return {
        "may_reveal_phone": may_reveal and bool(client.phone),
        "phone_revealed": may_reveal and is_revealed(request, client),
        "may_request_transfer": rules.may_request_transfer(user, client),  # type: ignore[arg-type]
        "pending_transfer": client.transfers.filter(state=TransferState.PENDING)
        .select_related("to_salesperson")
        .first(),
    }


def todo_lines(user: User) -> list[TodoLine]:
    """The manager's to-do line of ownership (salesops.registry.todo): transfers to decide."""
    if user.role != Role.MANAGER:
        return []
    count = pending_for_manager(user).count()
    return [
        TodoLine(gettext("待处理的客户转移申请"), count, reverse("ownership:transfer_list"), 45)
    ]
