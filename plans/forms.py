"""Validation and layout only; the services decide and act."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salesops import clock, limits
from salesops.forms import (
    MONEY_INPUT,
    MONEY_INVALID,
    BaseForm,
    DayField,
    OnceMixin,
    VersionField,
    count_field,
)
from visits.models import Client, VisitPurpose

from .models import Horizon


class PlanCreateForm(OnceMixin, BaseForm):
    horizon = forms.ChoiceField(label=_("方案类型"), choices=Horizon.choices, initial=Horizon.WEEK)
    # field names are what the browser posts (bookmarked by the e2e journeys); the view maps them
    day = DayField(label=_("所在日期"), help_text=_("选择该周/月中的任一天"))
    # off unless ticked; the success message lists what was copied (issue 24)
    copy_open_items = forms.BooleanField(
        label=_("复制上一期未完成的拜访"), required=False, initial=False
    )


class PlanItemForm(OnceMixin, BaseForm):
    version = VersionField()
    date = DayField(label=_("日期"))
    client = forms.ModelChoiceField(label=_("客户"), queryset=Client.objects.none(), required=False)
    prospect_name = forms.CharField(label=_("或意向客户姓名"), max_length=50, required=False)
    purpose = forms.ChoiceField(label=_("拜访目的"), choices=VisitPurpose.choices)
    is_key = forms.BooleanField(label=_("重点"), required=False)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def __init__(self, *args, clients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients if clients is not None else Client.objects.none()
        self.fields["client"].empty_label = _("— 选择我的客户 —")

    def clean(self):
        data = super().clean()
        if not data.get("client") and not (data.get("prospect_name") or "").strip():
            self.add_error("prospect_name", _("请选择客户，或填写意向客户姓名。"))
        return data


class ReasonForm(BaseForm):
    version = VersionField()
    reason = forms.CharField(
        label=_("原因"), widget=forms.Textarea(attrs={"rows": 2}), max_length=limits.REASON
    )


class WorkLogCommentForm(OnceMixin, BaseForm):
    text = forms.CharField(
        label=_("批注"), max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )


class WorkLogForm(OnceMixin, BaseForm):
    # absent while the row does not exist yet; the service then refuses if it does
    version = VersionField(required=False)
    content = forms.CharField(
        label=_("今日工作内容"), max_length=limits.LONG, widget=forms.Textarea(attrs={"rows": 6})
    )
    tomorrow = forms.CharField(
        label=_("明日计划"),
        max_length=limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class SalesPlanForm(BaseForm):
    # absent while the row does not exist yet; the service then refuses if it does
    version = VersionField(required=False)
    sales_plan = forms.CharField(
        label=_("本月销售方案"), max_length=limits.LONG, widget=forms.Textarea(attrs={"rows": 5})
    )
    reward_plan = forms.CharField(
        label=_("奖励方案"), max_length=limits.LONG, widget=forms.Textarea(attrs={"rows": 4})
    )


class TaskForm(BaseForm):
    # absent while the row does not exist yet; the service then refuses if it does
    version = VersionField(required=False)
    target_visits = count_field(_("拜访量"))
    target_new_clients = count_field(_("新客户"))
    target_accounts = count_field(_("开户数"))
    target_deposit_amount = forms.DecimalField(
        label=_("入金金额（元）"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.TextInput(attrs=MONEY_INPUT),
        error_messages={"invalid": MONEY_INVALID},
    )

    error_messages = {"min_value": _("目标不能为负数。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["min_value"] = _("目标不能为负数。")


class LetterForm(BaseForm):
    version = VersionField()
    text = forms.CharField(
        label=_("承诺内容"), max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 8})
    )


class FocusForm(OnceMixin, BaseForm):
    client = forms.ModelChoiceField(label=_("客户"), queryset=Client.objects.none())
    date = DayField(label=_("日期"))
    instruction = forms.CharField(label=_("跟进要求"), max_length=limits.SHORT)

    def __init__(self, *args, clients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients if clients is not None else Client.objects.none()
        self.fields["client"].label_from_instance = lambda c: (
            f"{c.name}（{c.salesperson.display_name}·{c.get_status_display()}）"
        )
        self.fields["date"].initial = clock.today()


class ManagerWeekForm(BaseForm):
    # absent while the row does not exist yet; the service then refuses if it does
    version = VersionField(required=False)
    own_items = forms.CharField(
        label=_("经理本人本周工作安排"),
        max_length=limits.LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
