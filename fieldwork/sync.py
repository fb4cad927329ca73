"""The 记录拜访 form as the offline queue's sync endpoint (static/js/offline.js): the same POST, with
the same one-time submission key, answered as JSON when the request asks for it (``Accept:
application/json``). A replay of a key answers the visit saved the first time; a refusal answers
the server's message, which the device shows on the queued entry."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from salesops.views import ALREADY_SAVED


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _drain(request: HttpRequest) -> list[str]:
    """The flash messages the services left for the next page, taken here: the device shows them."""
    return [str(m) for m in messages.get_messages(request)]


def saved(request: HttpRequest, visit: Any) -> JsonResponse:
    said = _drain(request)
    if visit is None:
        return JsonResponse(
            {
                "ok": False,
                "message": " ".join(said) or _("客户信息已被他人修改，请核对后重新记录。"),
            },
            status=409,
        )
    return JsonResponse(
        {
            "ok": True,
            "visit": visit.pk,
            "duplicate": str(ALREADY_SAVED) in said,
            "url": reverse("visits:client_detail", args=[visit.client_id]),
            "message": " ".join(said),
        }
    )


def refused(request: HttpRequest, *bound: forms.BaseForm) -> JsonResponse:
    """Every error of the forms, the first one as the message the queued entry shows, and the
    errors by the field's name in the form (``fields``; "" for the form's own): the queue's
    编辑后重发 shows each beside its field."""
    _drain(request)
    errors: list[str] = []
    fields: dict[str, list[str]] = {}
    for form in bound:
        for field, field_errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else None
            name = form.add_prefix(field) if field in form.fields else ""
            for error in field_errors:
                errors.append(f"{label}：{error}" if label else str(error))
                fields.setdefault(name, []).append(str(error))
    message = errors[0] if errors else _("提交失败，请检查后重试。")
    return JsonResponse(
        {"ok": False, "message": message, "errors": errors, "fields": fields}, status=422
    )
