"""The demo department's ownership records: one request by 王芳 to hand a client to 李强, waiting
for the manager 张永明 (his home page shows it; the client's page shows the request).

Built through ownership.services after visits/demo.py has created the clients. Idempotent: nothing
is added when a request exists.
"""

from __future__ import annotations

from visits.models import Client, ClientStatus

from . import services
from .models import ClientTransfer


def build(users: dict) -> None:
    if ClientTransfer.objects.exists():
        return
    client = (
        Client.objects.live()
        .filter(salesperson=users["wangfang"], status=ClientStatus.VISITED)
        .order_by("pk")
        .first()
    )
    if client is None:
        return
    services.transfer_request(
        client=client,
        by=users["wangfang"],
        to=users["liqiang"],
        reason="客户住在李强负责的片区，由他就近跟进更方便。",
    )
