"""Input of the proposal pages; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salesops import limits
from salesops.forms import BaseForm, OnceMixin, VersionField

from .models import AmountUnit, ProposalKind


class ProposalForm(OnceMixin, BaseForm):
    # absent on a new proposal; the row's version when editing one
    version = VersionField(required=False)
    person = forms.ModelChoiceField(label=_("营销人员"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("奖惩类别"), choices=ProposalKind.choices)
    reason = forms.CharField(
        label=_("事由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.TEXT,
        required=False,
    )
    basis = forms.CharField(
        label=_("依据"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=limits.LONG,
        required=False,
        help_text=_("已按本月任务、完成情况和奖励方案预填，可修改；留空则自动生成。"),
    )
    amount = forms.DecimalField(
        label=_("数额"),
        max_digits=14,
        decimal_places=2,
        required=False,
        error_messages={"invalid": _("请输入有效的数额。"), "max_digits": _("数额过大。")},
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    unit = forms.ChoiceField(label=_("单位"), choices=AmountUnit.choices)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class RejectForm(BaseForm):
    version = VersionField()
    reason = forms.CharField(
        label=_("驳回原因"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.REASON,
        required=False,
    )
