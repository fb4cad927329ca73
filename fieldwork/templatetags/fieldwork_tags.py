"""The translated texts the offline queue and the check-in script show (JSON in the page: the
scripts carry no text of their own), and a visit's check-in summary."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from fieldwork import photos, queries
from salesops import clock
from visits import rules as visit_rules

register = template.Library()


@register.simple_tag
def offline_text() -> SafeString:
    return json_script(
        {
            "pending": _("待同步"),
            "rejected": _("被拒绝"),
            "saved_at": _("保存于"),
            "discard": _("放弃这条"),
            "discard_confirm": _("放弃后这条拜访将从本机删除，不能恢复。确定放弃吗？"),
            "queue_failed": _("无法在本机保存这条拜访，请联网后再提交。"),
            "login_again": _("登录已过期：请重新登录，登录后会自动同步。"),
            "retry_later": _("网络不稳定，稍后自动重试。"),
            "too_large": _("照片太大，服务器拒收，请放弃这条后重新记录并换一张照片。"),
            "edit": _("编辑后重发"),
            "editing": _("正在编辑一条被拒绝的拜访：改正后点提交即重新发送，原来那条随之移除。"),
        },
        "offline-text",
    )


@register.simple_tag
def checkin_text() -> SafeString:
    return json_script(
        {
            "locating": _("正在获取定位…"),
            "located": _("已定位：%(lat)s, %(lon)s（精度约 %(acc)s 米）"),
            "refused": _(
                "定位被拒绝：将如实记录为「定位被拒绝」。可在浏览器设置中允许定位后点「重新定位」。"
            ),
            "unavailable": _("暂时无法定位：将记录为「无法定位」，可点「重新定位」再试。"),
            "too_large": _("照片太大（超过 15 MB），请换一张照片。"),
        },
        "checkin-text",
    )


@register.simple_tag
def checkin_max_bytes() -> int:
    return photos.MAX_UPLOAD_BYTES


STATE_LABELS = {
    queries.SIGNED: ("text-bg-success", "bi-geo-alt-fill"),
    queries.NOT_SIGNED: ("text-bg-secondary", "bi-geo"),
    queries.REFUSED: ("text-bg-danger", "bi-geo-alt"),
}


@register.inclusion_tag("fieldwork/_checkin.html", takes_context=True)
def checkin_summary(
    context: dict[str, Any], entry: dict[str, Any] | None, locate: bool = False
) -> dict[str, Any]:
    """A visit's check-in: state badge, position and accuracy, distance, photo thumbnail; with
    ``locate``, the button that takes a located check-in as the client's address position (for
    those who may edit the client)."""
    if not entry or entry.get("state") is None:
        return {"entry": None}
    checkin = entry.get("checkin")
    request = context.get("request")
    may_locate = bool(
        locate
        and request is not None
        and checkin is not None
        and checkin.located
        and visit_rules.may(request.user, entry["visit"].client, "edit_info")
    )
    labels = {
        queries.SIGNED: _("签到"),
        queries.NOT_SIGNED: _("未签到"),
        queries.REFUSED: _("定位被拒绝"),
    }
    tone, icon = STATE_LABELS[entry["state"]]
    return {
        "entry": entry,
        "label": labels[entry["state"]],
        "tone": tone,
        "icon": icon,
        "may_locate": may_locate,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def lookup(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.inclusion_tag("fieldwork/_home_manager.html")
def field_today(user: Any) -> dict[str, Any]:
    """The manager's home: today's onsite visits and how many were checked in."""

    n = queries.day_counts(user, clock.today())
    return {**n, "unsigned": n["onsite"] - n["signed"]}
