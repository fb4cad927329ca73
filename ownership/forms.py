"""Validation and layout only; the services decide and act."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from salesops import limits
from salesops.forms import BaseForm, OnceMixin, VersionField


class TransferRequestForm(OnceMixin, BaseForm):
    version = VersionField()
    to = forms.ModelChoiceField(label=_("转给"), queryset=User.objects.none())
    reason = forms.CharField(
        label=_("转移原因"), max_length=limits.REASON, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, targets=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = targets if targets is not None else User.objects.none()


class DecisionForm(BaseForm):
    note = forms.CharField(label=_("审批意见"), max_length=limits.SHORT, required=False)


class AskForm(BaseForm):
    """申请转移 a client found by its number: why (the owner's manager reads it)."""

    reason = forms.CharField(
        label=_("申请原因"),
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：客户主动联系我、由我首次拜访、与客户有约在先。"),
    )
