"""What the ownership pages read: the transfer queue, the client page's part, the home count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
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
    return visible_to(
        user,
        ClientTransfer.objects.select_related(
            "client", "team", "from_salesperson", "to_salesperson", "requested_by", "decided_by"
        ),
    )


def pending_for_manager(user: User) -> QuerySet[ClientTransfer]:
    """Requests waiting for this manager: those of the teams they manage, oldest first."""
    if user.role != Role.MANAGER and not user.is_superuser:
        return ClientTransfer.objects.none()
    return transfers_for(user).filter(state=TransferState.PENDING).order_by("requested_at", "pk")


def home_context(user: User) -> dict[str, Any]:
    if user.role == Role.MANAGER:
        return {"transfers_pending_count": pending_for_manager(user).count()}
    return {}


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
