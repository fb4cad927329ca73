"""The 外勤签到 part of the 记录拜访 form (prefix ``checkin``): filled by static/js/checkin.js from
the browser's position and the photo the salesperson takes or picks. Validation only; the service
decides."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from salesops.forms import BaseForm

from .models import PositionState
from .photos import MAX_UPLOAD_BYTES


def coordinate_field(label, bound: int, out_of_range, too_precise) -> forms.DecimalField:
    """A latitude or longitude in ±bound degrees: every way of being out of range (too big, not a
    number, too many digits) answers the one range message."""
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=9,
        min_value=Decimal(-bound),
        max_value=Decimal(bound),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "min_value": out_of_range,
            "max_value": out_of_range,
            "invalid": out_of_range,
            "max_digits": out_of_range,
            "max_whole_digits": out_of_range,
            "max_decimal_places": too_precise,
        },
    )


class CheckInForm(BaseForm):
    position_state = forms.ChoiceField(
        label=_("定位状态"),
        choices=[("", "—"), *PositionState.choices],
        required=False,
        widget=forms.HiddenInput,
    )
    latitude = coordinate_field(
        _("纬度"), 90, _("纬度须在 -90 至 90 之间。"), _("纬度最多保留 9 位小数。")
    )
    longitude = coordinate_field(
        _("经度"), 180, _("经度须在 -180 至 180 之间。"), _("经度最多保留 9 位小数。")
    )
    accuracy = forms.FloatField(
        label=_("定位精度（米）"),
        min_value=0,
        max_value=100_000,
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "min_value": _("定位精度无效。"),
            "max_value": _("定位精度无效。"),
            "invalid": _("定位精度无效。"),
        },
    )
    position_at = forms.DateTimeField(
        label=_("定位时间"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("定位时间无效，请重新获取定位。")},
    )
    photo = forms.FileField(
        label=_("现场照片"),
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > MAX_UPLOAD_BYTES:
            size = f"{photo.size / 1024 / 1024:.1f}"
            raise forms.ValidationError(
                _("照片太大（%(size)s MB），请选择不超过 %(max)s MB 的照片。"),
                params={"size": size, "max": MAX_UPLOAD_BYTES // 1024 // 1024},
            )
        return photo

    def clean(self):
        data = super().clean()
        if data.get("position_state") == PositionState.OK and (
            data.get("latitude") is None or data.get("longitude") is None
        ):
            raise forms.ValidationError(_("定位信息不完整，请重新获取定位。"))
        return data

    def service_kwargs(self) -> dict:
        """What ``services.checkin_record`` takes; None when nothing was checked in."""
        data = self.cleaned_data
        photo = data.get("photo") or None
        return {
            "position_state": data.get("position_state") or "",
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "accuracy": data.get("accuracy"),
            "position_at": data.get("position_at"),
            "photo": photo,
            "photo_size": photo.size if photo else None,
        }
