"""Notifications, their deliveries by channel, channel settings, scheduled mail and calendar tokens
(docs/design.md §Notifications and scheduled work).

Models hold fields and constraints only; notifications/services.py does every action. A
notification is keyed by (kind, subject, period, recipient): the database refuses a second row, so
an event or a reminder reaches a person once however many processes raise it at the same moment.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scope_spec import ScopeSpec
from salesops.services import now as clock_now


class Kind(models.TextChoices):
    PLAN_RETURNED = "plan_returned", _("方案被打回")
    PLAN_APPROVED = "plan_approved", _("方案审核通过")
    LETTER_REJECTED = "letter_rejected", _("承诺书审核不通过")
    LETTER_APPROVED = "letter_approved", _("承诺书审核通过")
    MONTH_ANNOUNCED = "month_announced", _("本月任务宣布执行")
    CLIENT_REPORTED = "client_reported", _("客户已上报经理")
    INVESTMENT_PLAN_READY = "investment_plan_ready", _("投资方案已制定")
    FOCUS_ASSIGNED = "focus_assigned", _("每日重点跟进")
    REVISIT_TOMORROW = "revisit_tomorrow", _("明日二次回访到期")
    REVISIT_OVERDUE = "revisit_overdue", _("二次回访已逾期")
    WORKLOG_MISSING = "worklog_missing", _("工作日志未填写")
    WEEK_PLAN_MISSING = "week_plan_missing", _("下周拜访方案未提交")
    REPORT_DUE = "report_due", _("报表即将到期")
    REPORT_LATE = "report_late", _("报表逾期未报")
    PROPOSAL_DECIDED = "proposal_decided", _("奖惩建议已审批")
    ESCALATION_ANSWERED = "escalation_answered", _("上报问题已答复")
    REPORT_SUBMITTED = "report_submitted", _("报表已上报待签收")
    PROPOSAL_SUBMITTED = "proposal_submitted", _("奖惩建议待审批")
    PROBLEM_ESCALATED = "problem_escalated", _("问题上报待答复")
    TRANSFER_REQUESTED = "transfer_requested", _("客户转移申请待审批")
    TRANSFER_DECIDED = "transfer_decided", _("客户转移申请已审批")
    WORKLOG_COMMENTED = "worklog_commented", _("工作日志有新批注")
    REVISIT_DUE_CHANGED = "revisit_due_changed", _("二次回访期限已调整")
    CHASE_REMINDER = "chase_reminder", _("未入金催办提醒")


class Notification(models.Model):
    """One message to one person about one thing to act on; read in the app, sent by channels."""

    scope = ScopeSpec(team="recipient__team", owner="recipient")

    kind = models.CharField(_("类型"), max_length=30, choices=Kind.choices)
    # what it is about ("plans.visitplan:12") and which occurrence ("v3", a date, a period key)
    subject = models.CharField(_("对象"), max_length=60)
    period = models.CharField(_("期次"), max_length=40, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # the names, dates and reasons the message is written with; the text itself is written when it
    # is shown or sent (notifications.messages), in the reader's language
    params = models.JSONField(_("参数"), default=dict, blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), default=clock_now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "period", "recipient"], name="one_notification_per_key"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.get_kind_display()}"


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    WECOM = "wecom", _("企业微信群机器人")
    DINGTALK = "dingtalk", _("钉钉群机器人")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Delivery(models.Model):
    """A notification sent (or tried) by one channel: the status, the attempts, the last error."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("状态"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    error = models.TextField(_("错误"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # when a process last claimed it for sending: still "sending" NOTIFY_SENDING_STALE_MINUTES later
    # means that process stopped mid-send, and the row is claimed again (an attempt spent)
    claimed_at = models.DateTimeField(_("开始发送时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知发送记录")
        verbose_name_plural = _("通知发送记录")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="one_delivery_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notification_id} {self.channel} {self.status}"


class ChannelPreference(models.Model):
    """Which channels a person wants besides the in-app centre (which is always on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(_("电子邮件"), default=True)
    team_robot = models.BooleanField(_("团队群机器人"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("通知渠道偏好")
        verbose_name_plural = _("通知渠道偏好")

    def __str__(self) -> str:
        return str(self.user)


class TeamChannel(models.Model):
    """A team's group robot (企业微信 or 钉钉): its webhook URL and, for DingTalk, the signing
    secret. Set by the team's manager on the 团队群机器人 page (or an administrator in the admin)."""

    scope = ScopeSpec(team="team")

    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("团队"),
        on_delete=models.CASCADE,
        related_name="notification_channels",
    )
    kind = models.CharField(
        _("类型"),
        max_length=20,
        choices=[(Channel.WECOM, Channel.WECOM.label), (Channel.DINGTALK, Channel.DINGTALK.label)],
    )
    webhook_url = models.URLField(_("Webhook 地址"), max_length=500)
    secret = models.CharField(_("加签密钥（钉钉）"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    # the last 发送测试消息: when, and the failure's reason (empty: it went through)
    tested_at = models.DateTimeField(_("最近测试时间"), null=True, blank=True)
    test_failure = models.CharField(_("测试失败原因"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("团队群机器人")
        verbose_name_plural = _("团队群机器人")
        constraints = [
            models.UniqueConstraint(fields=["team", "kind"], name="one_robot_per_team_kind")
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.get_kind_display()}"


class ScheduledMail(models.Model):
    """A mail the scheduled work sends to an address that is not a user (the office's mailbox):
    keyed by (kind, subject, period, address) like a notification, so it is sent once."""

    kind = models.CharField(_("类型"), max_length=30)
    subject = models.CharField(_("对象"), max_length=60)
    period = models.CharField(_("期次"), max_length=40, blank=True)
    address = models.CharField(_("收件地址"), max_length=254)
    status = models.CharField(
        _("状态"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    error = models.TextField(_("错误"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # when a process last claimed it for sending: still "sending" NOTIFY_SENDING_STALE_MINUTES later
    # means that process stopped mid-send, and the row is claimed again (an attempt spent)
    claimed_at = models.DateTimeField(_("开始发送时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    # what was sent, for the office's page (notifications.views.office_mail): the mail's subject
    # line, its attachments' file names, and the submissions whose files it carried (a weekly
    # report submitted after its round's mail is mailed on its own: reports_mail)
    title = models.CharField(_("邮件主题"), max_length=200, blank=True)
    attachments = models.JSONField(_("附件"), default=list, blank=True)
    submission_ids = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("报表投递")
        verbose_name_plural = _("报表投递")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject", "period", "address"], name="one_mail_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} {self.period} → {self.address}"


class CalendarToken(models.Model):
    """The secret in a person's private calendar URL; revoking it (or making a new one) ends
    every subscription that used it. It grants the feed and nothing else."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("日历订阅")
        verbose_name_plural = _("日历订阅")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_calendar_token",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {'revoked' if self.revoked_at else 'live'}"
