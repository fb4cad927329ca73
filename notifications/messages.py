"""The words of each kind of notification, kept apart from the row so that each reader sees them in
their own language (the in-app centre) and the channels send them in the site's language."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Kind, Notification

TEXTS = {
    Kind.PLAN_RETURNED: _("您的拜访方案（%(period)s）被打回，请修改后重新提交。原因：%(reason)s"),
    Kind.PLAN_APPROVED: _("您的拜访方案（%(period)s）已审核通过。"),
    Kind.LETTER_REJECTED: _("您的%(month)s承诺书审核不通过，请重做。原因：%(reason)s"),
    Kind.LETTER_APPROVED: _("您的%(month)s承诺书已审核通过。"),
    Kind.MONTH_ANNOUNCED: _("%(month)s的销售任务已宣布执行。"),
    Kind.CLIENT_REPORTED: _("%(salesperson)s将客户「%(client)s」上报经理，请安排制定投资方案。"),
    Kind.INVESTMENT_PLAN_READY: _(
        "客户「%(client)s」的投资方案已制定，请在 %(due)s 前完成二次回访。"
    ),
    Kind.FOCUS_ASSIGNED: _("%(date)s 的重点跟进客户：「%(client)s」。要求：%(instruction)s"),
    Kind.REVISIT_TOMORROW: _("客户「%(client)s」的二次回访期限是明天（%(due)s）。"),
    Kind.REVISIT_OVERDUE: _("客户「%(client)s」的二次回访已逾期（期限 %(due)s）。"),
    Kind.WORKLOG_MISSING: _("您还没有填写 %(date)s 的工作日志。"),
    Kind.WEEK_PLAN_MISSING: _("下周（%(week)s）的拜访方案还没有提交审核，请在周例会前提交。"),
    Kind.REPORT_DUE: _("%(team)s的「%(report)s」（%(period)s）将于 %(due)s 到期，尚未上报。"),
    Kind.REPORT_LATE: _("%(team)s的「%(report)s」（%(period)s）已过期限 %(due)s，仍未上报。"),
    Kind.PROPOSAL_DECIDED: _("您为%(person)s提出的奖惩建议（%(month)s）已审批：%(decision)s。"),
    Kind.ESCALATION_ANSWERED: _("您上报的问题「%(problem)s」已由主管领导答复：%(answer)s"),
    Kind.REPORT_SUBMITTED: _("%(team)s上报了「%(report)s」（%(period)s），请签收。"),
    Kind.PROPOSAL_SUBMITTED: _("%(team)s提交了对%(person)s的奖惩建议（%(month)s），请审批。"),
    Kind.PROBLEM_ESCALATED: _("%(team)s上报问题「%(problem)s」，请答复。原因：%(reason)s"),
    Kind.TRANSFER_REQUESTED: _(
        "%(requester)s申请将客户「%(client)s」（现归属 %(owner)s）转给%(to)s，请审批。原因：%(reason)s"
    ),
    Kind.TRANSFER_DECIDED: _("您对客户「%(client)s」的转移申请已审批：%(decision)s。%(note)s"),
    Kind.WORKLOG_COMMENTED: _("%(author)s批注了您 %(date)s 的工作日志：%(text)s"),
    Kind.CHASE_REMINDER: _("%(by)s提醒您：客户「%(client)s」已开户未入金，请尽快跟进入金。"),
    Kind.REVISIT_DUE_CHANGED: _("客户「%(client)s」的二次回访期限已调整为 %(due)s（原 %(old)s）。"),
}


DECISIONS = {"approved": _("批准"), "rejected": _("驳回")}


def text(notification: Notification) -> str:
    """The message in the active language; a missing parameter shows as empty, never an error."""
    params = {key: str(value) for key, value in (notification.params or {}).items()}
    if "report" in params:
        from reports.definitions import REPORTS

        if params["report"] in REPORTS:
            params["report"] = gettext(str(REPORTS[params["report"]].title))
    if "decision" in params:
        params["decision"] = str(DECISIONS.get(params["decision"], params["decision"]))
    template = gettext(str(TEXTS.get(notification.kind, ""))) if notification.kind in TEXTS else ""
    try:
        return template % _Defaulting(params)
    except (TypeError, ValueError):
        return notification.get_kind_display()


def site_text(notification: Notification) -> str:
    """The message in the site's language, for e-mail and group robots."""
    with translation.override(settings.LANGUAGE_CODE):
        return text(notification)


def site_title(notification: Notification) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(notification.get_kind_display())


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""
