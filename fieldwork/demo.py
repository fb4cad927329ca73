"""The demo department's 外勤签到: this morning's onsite visits (visits/demo.py logs them) checked in
— with position and a stamped photo, one with the position refused, one not checked in at all —
and address positions for those clients, so that the manager's 外勤 day view and the client pages
have something to show. Idempotent: nothing is added when check-ins exist."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.utils import timezone
from PIL import Image, ImageDraw

from visits.models import Visit, VisitKind

from . import services
from .models import CheckIn, ClientLocation, PositionState

# around the Lujiazui branch office, Shanghai
BASE = (Decimal("31.235000"), Decimal("121.500000"))


def _scene(seed: int) -> bytes:
    """A simple "shopfront" picture standing in for the photo a phone would take."""
    img = Image.new("RGB", (1200, 900), (170 + seed * 7 % 60, 200, 230))
    draw = ImageDraw.Draw(img)
    draw.rectangle((150, 250, 1050, 850), fill=(90 + seed * 13 % 90, 80, 70))
    draw.rectangle((250, 450, 550, 850), fill=(60, 60, 70))
    draw.rectangle((650, 400, 950, 650), fill=(220, 230, 240))
    draw.rectangle((150, 170, 1050, 250), fill=(180, 30, 40))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def build(users: dict) -> None:
    if CheckIn.objects.exists():
        return
    today = timezone.localdate()
    visits = list(
        Visit.objects.filter(date=today, kind=VisitKind.ONSITE)
        .select_related("client", "salesperson")
        .order_by("salesperson__username", "time", "pk")
    )
    for n, visit in enumerate(visits):
        who = visit.salesperson.username
        lat = BASE[0] + Decimal(n) * Decimal("0.004")
        lon = BASE[1] + Decimal(n) * Decimal("0.003")
        if who != "chenjing":  # her visits stay 未签到
            ClientLocation.objects.get_or_create(
                client=visit.client,
                defaults={"latitude": lat, "longitude": lon, "address": "上海市浦东新区"},
            )
        at = timezone.make_aware(dt.datetime.combine(today, visit.time or timezone.now().time()))
        at = min(at, timezone.now())
        if who == "chenjing":
            continue
        if who == "liqiang" and n % 2:
            services.checkin_record(
                visit=visit,
                by=visit.salesperson,
                position_state=PositionState.REFUSED,
                position_at=at,
            )
            continue
        photo = _scene(n) if who != "liuyang" else None
        services.checkin_record(
            visit=visit,
            by=visit.salesperson,
            position_state=PositionState.OK,
            # the second visit of each salesperson was checked in some way off the address
            latitude=lat + (Decimal("0.012") if n % 2 else Decimal("0.0003")),
            longitude=lon,
            accuracy=12 + n * 5,
            position_at=at,
            photo=io.BytesIO(photo) if photo else None,
            photo_size=len(photo) if photo else None,
        )
