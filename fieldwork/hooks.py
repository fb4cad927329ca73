"""How fieldwork plugs into the client pipeline and the pages of others (visits/extensions.py,
salesops/registry.py): 外勤签到 on the 记录拜访 form, the offline queue's JSON answers, the check-ins
on the client's page, the manager's day on the home page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from salesops import registry
from salesops.registry import Block
from visits import extensions as visits

from . import queries, services, sync
from .forms import CheckInForm

registry.home_blocks.register(
    Block("fieldwork/_home_today.html", 30, frozenset({"manager"})), key="fieldwork.manager"
)
registry.menu.register(Block("fieldwork/_nav.html", 120), key="fieldwork")


def checkin_form(request: HttpRequest) -> CheckInForm:
    """The position and photo of an onsite visit (prefix ``checkin``)."""
    return CheckInForm(request.POST or None, request.FILES or None, prefix="checkin")


def save_checkin(*, visit: Any, by: Any, form: CheckInForm) -> None:
    services.checkin_for_visit(visit=visit, by=by, **form.service_kwargs())


class OfflineQueue:
    """The offline queue syncing a visit asks for JSON (fieldwork/sync.py)."""

    def wants(self, request: HttpRequest) -> bool:
        return sync.wants_json(request)

    saved = staticmethod(sync.saved)
    refused = staticmethod(sync.refused)


visits.visit_form_parts.register(
    visits.VisitFormPart("checkin", checkin_form, save_checkin, OfflineQueue()), key="fieldwork"
)


def client_page(request: Any, client: Any) -> dict[str, Any]:
    return {"checkins": queries.client_checkins(request.user, client.pk)}


visits.client_page.register(client_page)
