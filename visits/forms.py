"""Validation and layout only; the services decide and act."""

from __future__ import annotations

import datetime as dt

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
from suitability.models import Product

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


class ClientInfoForm(CrispyMixin, forms.ModelForm):
    version = VersionField()
    phone = PhoneField(label=_("联系电话"), required=False)
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
    content = forms.CharField(
        label=_("方案内容"), max_length=limits.LONG, widget=forms.Textarea(attrs={"rows": 3})
    )
    products = forms.ModelMultipleChoiceField(
        label=_("推荐产品"),
        queryset=Product.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("产品风险等级（R1–R5）不得高于客户的风险承受能力等级（C1–C5）。"),
    )
    proposed_amount = money_field(_("建议投资金额（元）"))
    revisit_due = DayField(label=_("限期二次回访"))
    insistence = forms.CharField(
        label=_("客户书面坚持意见（产品高于客户等级时填写）"),
        max_length=limits.TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    risk_warning_signed_on = DayField(label=_("风险揭示书签署日期"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revisit_due"].initial = clock.today() + dt.timedelta(days=7)
        self.fields["products"].label_from_instance = lambda p: (
            f"{p.name} · {p.get_risk_level_display()}"
        )

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
