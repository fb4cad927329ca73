"""外勤签到: the position and photo a salesperson records when logging an onsite visit, and the
client's address position it is measured against (docs/design.md §In the field).

Models hold fields and constraints only; fieldwork/services.py records check-ins.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scope_spec import ScopeSpec

LATITUDE = [MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))]
LONGITUDE = [MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))]


class PositionState(models.TextChoices):
    OK = "ok", _("已定位")
    REFUSED = "refused", _("定位被拒绝")
    UNAVAILABLE = "unavailable", _("无法定位")


class CheckIn(models.Model):
    """One onsite visit's 外勤签到: where and when the browser placed the phone, and a photo."""

    scope = ScopeSpec(team="visit__team", owner="visit__salesperson")

    visit = models.OneToOneField(
        "visits.Visit",
        verbose_name=_("拜访记录"),
        on_delete=models.PROTECT,
        related_name="checkin",
    )
    position_state = models.CharField(_("定位状态"), max_length=12, choices=PositionState.choices)
    latitude = models.DecimalField(
        _("纬度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("经度"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE
    )
    accuracy = models.PositiveIntegerField(_("定位精度（米）"), null=True, blank=True)
    position_at = models.DateTimeField(_("定位时间"), null=True, blank=True)
    photo = models.FileField(_("现场照片"), upload_to="checkins/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("签到记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("外勤签到")
        verbose_name_plural = _("外勤签到")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(position_state="ok")
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="checkin_position_when_ok",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="checkin_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="checkin_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit} {self.get_position_state_display()}"

    @property
    def located(self) -> bool:
        return self.position_state == PositionState.OK


class ClientLocation(models.Model):
    """Where the client's address is (latitude/longitude), to measure each check-in against."""

    scope = ScopeSpec(team="client__team", owner="client__salesperson")

    client = models.OneToOneField(
        "visits.Client",
        verbose_name=_("客户"),
        on_delete=models.CASCADE,
        related_name="location",
    )
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, validators=LATITUDE)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, validators=LONGITUDE)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("客户地址定位")
        verbose_name_plural = _("客户地址定位")

    def __str__(self) -> str:
        return f"{self.client} ({self.latitude}, {self.longitude})"
