"""Recording a visit's 外勤签到 (docs/design.md §In the field).

``checkin_record`` runs inside the visit logging transaction (visits.views.visit_log calls it right
after the visit service, in run_create's atomic block): a refused position or photo refuses the
visit too, so nothing is half-saved. The photo is cleaned by fieldwork.photos and stored through
Django's storage API (``default_storage``: the file system here, object storage in production).
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from decimal import Decimal
from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.scoping import manages
from salesops.services import ServiceError, now
from visits.models import Client, Visit, VisitKind

from . import photos
from .models import CheckIn, ClientLocation, PositionState

# a phone's clock may run a little ahead of the server's
CLOCK_SKEW = dt.timedelta(minutes=5)
# metres: a reported accuracy beyond this is not a position
MAX_ACCURACY = 100_000
EARTH_RADIUS_M = 6_371_008.8


def _coordinate(value: Decimal | None, bound: int, message: object, field: str) -> Decimal:
    if value is None:
        raise ServiceError(_("定位信息不完整，请重新获取定位。"), field=field)
    if not value.is_finite() or not -bound <= value <= bound:
        raise ServiceError(str(message), field=field)
    return value.quantize(Decimal("0.000001"))


def stamp_lines(*, visit: Visit, checkin: CheckIn) -> list[str]:
    taken = timezone.localtime(checkin.position_at or now())
    lines = [f"{taken:%Y-%m-%d %H:%M} · {visit.client.name} · {visit.salesperson.display_name}"]
    if checkin.located:
        accuracy = f" ±{checkin.accuracy}m" if checkin.accuracy is not None else ""
        lines.append(f"{checkin.latitude:.6f}, {checkin.longitude:.6f}{accuracy}")
    else:
        lines.append(str(checkin.get_position_state_display()))
    return lines


@transaction.atomic
def checkin_record(
    *,
    visit: Visit,
    by: User,
    position_state: str,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    accuracy: float | None = None,
    position_at: dt.datetime | None = None,
    photo: IO[bytes] | None = None,
    photo_size: int | None = None,
) -> CheckIn:
    """The check-in of an onsite visit just logged by ``by``. A refused position is recorded as
    refused (no coordinates kept), never made up."""
    if visit.kind != VisitKind.ONSITE:
        raise ServiceError(_("只有上门拜访需要外勤签到。"), field="kind")
    if visit.salesperson_id != by.pk and not manages(by, visit.team_id):
        raise ServiceError(_("只能为自己记录的拜访签到。"))
    if CheckIn.objects.filter(visit=visit).exists():
        raise ServiceError(_("这次拜访已经签到过。"))
    if position_state not in PositionState.values:
        raise ServiceError(_("定位状态无效。"), field="position_state")
    checkin = CheckIn(visit=visit, position_state=position_state)
    if position_state == PositionState.OK:
        checkin.latitude = _coordinate(
            latitude, 90, _("纬度须在 -90 至 90 之间。"), "checkin-latitude"
        )
        checkin.longitude = _coordinate(
            longitude, 180, _("经度须在 -180 至 180 之间。"), "checkin-longitude"
        )
        if accuracy is not None:
            if not math.isfinite(accuracy) or not 0 <= accuracy <= MAX_ACCURACY:
                raise ServiceError(_("定位精度无效。"), field="checkin-accuracy")
            checkin.accuracy = round(accuracy)
        if position_at is None:
            raise ServiceError(_("缺少定位时间，请重新获取定位。"), field="checkin-position_at")
    if position_at is not None:
        if position_at > now() + CLOCK_SKEW:
            raise ServiceError(
                _("签到时间晚于当前时间，请检查手机的日期和时间设置。"),
                field="checkin-position_at",
            )
        if timezone.localtime(position_at).date() < visit.date - dt.timedelta(days=1):
            raise ServiceError(
                _("定位时间早于拜访日期，请在拜访现场重新获取定位。"),
                field="checkin-position_at",
            )
        checkin.position_at = position_at
    if photo is not None:
        try:
            cleaned = photos.process(
                photo, size=photo_size, stamp=stamp_lines(visit=visit, checkin=checkin)
            )
        except photos.PhotoError as exc:
            raise ServiceError(exc.message, field="checkin-photo") from None
        local = timezone.localtime(now())
        name = f"{local:%Y%m%d}-{visit.pk}-{uuid.uuid4().hex[:12]}.jpg"
        checkin.photo.save(name, ContentFile(cleaned.content), save=False)
    checkin.save()
    return checkin


def checkin_for_visit(
    *, visit: Visit, by: User, position_state: str = "", **checkin: object
) -> CheckIn | None:
    """The check-in posted with the 记录拜访 form, if any: only an onsite visit has one; an onsite
    visit posted without position or photo stays 未签到. A photo without a position is recorded as
    taken where the position could not be had."""
    if visit.kind != VisitKind.ONSITE:
        return None
    if not position_state and checkin.get("photo") is None:
        return None
    return checkin_record(
        visit=visit,
        by=by,
        position_state=position_state or PositionState.UNAVAILABLE,
        **checkin,  # type: ignore[arg-type]
    )


def distance_m(lat1: Decimal, lon1: Decimal, lat2: Decimal, lon2: Decimal) -> float:
    """Great-circle (haversine) distance in metres."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def checkin_distance(checkin: CheckIn) -> float | None:
    """How far the check-in was from the client's address position, when both are known."""
    location = getattr(checkin.visit.client, "location", None) if checkin.located else None
    if location is None or checkin.latitude is None or checkin.longitude is None:
        return None
    return distance_m(checkin.latitude, checkin.longitude, location.latitude, location.longitude)


@transaction.atomic
def client_location_set(
    *, client: Client, by: User, checkin: CheckIn, address: str = ""
) -> ClientLocation:
    """The client's address position, taken from a check-in made at the client's premises."""
    if client.salesperson_id != by.pk and not manages(by, client.team_id):
        raise ServiceError(_("只能设置自己客户的地址定位。"))
    if checkin.visit.client_id != client.pk or not checkin.located:
        raise ServiceError(_("只能用该客户的已定位签到设置地址定位。"))
    assert checkin.latitude is not None and checkin.longitude is not None
    location, _created = ClientLocation.objects.update_or_create(
        client=client,
        defaults={
            "latitude": checkin.latitude,
            "longitude": checkin.longitude,
            "address": address[:200],
        },
    )
    return location
