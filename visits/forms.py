"""Validation and layout only; the services decide and act."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from salesops import clock, limits
from salesops.forms import (
    TIME,
    BaseForm,
    CrispyMixin,
    DayField,
    OnceMixin,
    PhoneField,
    VersionedForm,
    VersionField,
    money_field,
    not_future,
)

from . import extensions
from .masking import mask_phone
from .models import (
    Client,
    ClientSource,
    FailureReason,
    RiskPreference,
    VisitKind,
    VisitPurpose,
)


class VisitForm(OnceMixin, BaseForm):
    """Log a visit: pick one of my clients, or register a new prospect on the spot."""

    client = forms.ModelChoiceField(
        label=_("客户"),
        queryset=Client.objects.none(),
        required=False,
        # a client handed to a colleague (or dropped) since the form was opened — also a visit
        # queued offline and synced later (fieldwork)
        error_messages={"invalid_choice": _("该客户已不由您负责或已放弃，不能为其记录拜访。")},
    )
    new_name = forms.CharField(label=_("新客户姓名"), max_length=50, required=False)
    new_phone = PhoneField(label=_("新客户电话"), required=False)
    new_source = forms.ChoiceField(
        label=_("客户来源"), choices=ClientSource.choices, required=False
    )
    # the confirm step when the team already has a client of a like name (visits.services)
    new_confirm_similar = forms.BooleanField(label=_("确认不是同一客户"), required=False)
    date = DayField(label=_("拜访日期"))
    time = forms.TimeField(label=_("时间"), widget=TIME, required=False)
    kind = forms.ChoiceField(
        label=_("拜访方式"), choices=VisitKind.choices, widget=forms.RadioSelect
    )
    purpose = forms.ChoiceField(label=_("拜访目的"), choices=VisitPurpose.choices)
    analyst = forms.ModelChoiceField(
        label=_("陪同分析师"), queryset=User.objects.none(), required=False
    )
    summary = forms.CharField(
        label=_("拜访情况"), max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    client_feedback = forms.CharField(
        label=_("客户反馈"),
        max_length=limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    next_step = forms.CharField(
        label=_("下一步"),
        max_length=limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, clients=None, shortlist=None, analysts=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["client"]
        # validates any client of ``clients``; renders only ``shortlist`` (the rest are found by
        # search-as-you-type), so the page does not grow with the number of clients
        field.queryset = clients if clients is not None else Client.objects.none()
        field.empty_label = _("— 新客户（在下方登记）—")
        if shortlist is not None:
            field.widget.choices = [("", field.empty_label)] + [
                (c.pk, field.label_from_instance(c)) for c in shortlist
            ]
        self.fields["analyst"].queryset = analysts if analysts is not None else User.objects.none()
        self.fields["analyst"].empty_label = _("无")
        self.fields["date"].initial = clock.today()
        self.fields["time"].initial = timezone.localtime(clock.now()).strftime("%H:%M")
        self.fields["kind"].initial = VisitKind.ONSITE
        self.fields["new_source"].initial = ClientSource.COLD

    def clean_date(self):
        return not_future(self.cleaned_data["date"])

    def clean(self):
        data = super().clean()
        if not data.get("client") and not (data.get("new_name") or "").strip():
            self.add_error("new_name", _("请选择客户，或填写新客户姓名。"))
        return data


class KeptPhoneField(PhoneField):
    """The client's number shown masked (``138****5678``): the full number is never put into the
    page (a reveal is the client page's logged 显示号码). Posting the masked text back keeps the
    number as it is; typing a new one changes it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.masked = ""
        self.kept = ""

    def clean(self, value: Any) -> str:
        if self.masked and (value or "").strip() == self.masked:
            return self.kept
        return super().clean(value)


class ClientInfoForm(CrispyMixin, forms.ModelForm):
    version = VersionField()
    phone = KeptPhoneField(
        label=_("联系电话"),
        required=False,
        help_text=_("号码已隐藏；不修改则保持原号码，更换时请输入完整的新号码。"),
    )
    intended_funds = money_field(_("意向资金（元）"))

    class Meta:
        model = Client
        fields = [
            "name",
            "phone",
            "source",
            "analyst",
            "investment_experience",
            "investment_needs",
            "risk_preference",
            "intended_funds",
            "remarks",
        ]
        widgets = {
            "investment_experience": forms.Textarea(attrs={"rows": 2}),
            "investment_needs": forms.Textarea(attrs={"rows": 2}),
            "remarks": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        phone = self.fields["phone"]
        phone.kept = self.instance.phone or ""
        phone.masked = mask_phone(phone.kept)
        self.initial["phone"] = phone.masked
        team_id = self.instance.team_id
        self.fields["analyst"].queryset = User.objects.filter(
            role=Role.ANALYST, team_id=team_id, is_active=True
        )


class RegisterClientForm(OnceMixin, BaseForm):
    name = forms.CharField(label=_("客户姓名"), max_length=50)
    phone = PhoneField(label=_("联系电话"), required=False)
    source = forms.ChoiceField(label=_("客户来源"), choices=ClientSource.choices)
    remarks = forms.CharField(
        label=_("备注"),
        max_length=limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    # the confirm step when the team already has a client of a like name (visits.services)
    confirm_similar = forms.BooleanField(
        label=_("确认不是同一客户"),
        required=False,
        help_text=_("仅当系统提示本团队已有姓名相近的客户时需要勾选。"),
    )


# --- one short form per pipeline action ----------------------------------------------------------


class CommentForm(VersionedForm):
    comment = forms.CharField(label=_("说明"), max_length=500, required=False)


class NeedsForm(VersionedForm):
    investment_experience = forms.CharField(
        label=_("投资经历"), max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    investment_needs = forms.CharField(
        label=_("投资需求"), max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    risk_preference = forms.ChoiceField(label=_("风险偏好"), choices=RiskPreference.choices)
    intended_funds = money_field(_("意向资金（元）"))
    comment = forms.CharField(label=_("说明"), max_length=500, required=False)


class PlanForm(OnceMixin, VersionedForm):
    """The investment plan; the plan gates add what they check (suitability: the products, the
    client's insistence, the risk warning: visits.extensions.action_form_parts)."""

    content = forms.CharField(
        label=_("方案内容"), max_length=limits.LONG, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposed_amount = money_field(_("建议投资金额（元）"))
    revisit_due = DayField(label=_("限期二次回访"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revisit_due"].initial = clock.today() + dt.timedelta(days=7)

    def clean_revisit_due(self):
        value = self.cleaned_data["revisit_due"]
        if value < clock.today():
            raise forms.ValidationError(_("二次回访期限不能早于今天。"))
        return value


class CloseWonForm(OnceMixin, VersionedForm):
    date = DayField(label=_("开户日期"))
    account_number = forms.CharField(label=_("资金账号"), max_length=40)
    comment = forms.CharField(label=_("说明"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = clock.today()

    def clean_date(self):
        return not_future(self.cleaned_data["date"])


class CloseLostForm(OnceMixin, VersionedForm):
    reason = forms.ChoiceField(label=_("失败原因"), choices=[("", "—")] + FailureReason.choices)
    notes = forms.CharField(
        label=_("原因分析"), max_length=limits.TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    revisit_due = DayField(label=_("再次拜访期限"))


class DepositForm(OnceMixin, VersionedForm):
    date = DayField(label=_("入金日期"))
    amount = money_field(_("入金金额（元）"), required=True)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = clock.today()

    def clean_date(self):
        return not_future(self.cleaned_data["date"])


class RevisitDueForm(VersionedForm):
    revisit_due = DayField(label=_("限期二次回访"))
    comment = forms.CharField(label=_("说明"), max_length=200, required=False)


class DropForm(VersionedForm):
    reason = forms.CharField(label=_("放弃原因"), max_length=500)


ACTION_FORMS: dict[str, type[VersionedForm]] = {
    "analyze_needs": NeedsForm,
    "report_to_manager": CommentForm,
    "prepare_plan": PlanForm,
    "start_closing": CommentForm,
    "close_won": CloseWonForm,
    "close_lost": CloseLostForm,
    "record_deposit": DepositForm,
    "drop": DropForm,
    "reactivate": CommentForm,
    "set_revisit_due": RevisitDueForm,
}


def action_form(action: str, *args: Any, **kwargs: Any) -> VersionedForm:
    """The form of a pipeline action, with the fields other apps add to it."""
    form = ACTION_FORMS[action](*args, **kwargs)
    for add_part in extensions.action_form_parts:
        add_part(action, form)
    return form
