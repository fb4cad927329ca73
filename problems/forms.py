"""Validation and layout only; the services decide and act."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from salesops import clock, limits
from salesops.forms import BaseForm, DayField, OnceMixin, VersionField

from .models import ProblemCategory, Severity


class ProblemForm(OnceMixin, BaseForm):
    title = forms.CharField(label=_("问题"), max_length=100)
    category = forms.ChoiceField(label=_("类别"), choices=ProblemCategory.choices)
    severity = forms.ChoiceField(label=_("严重程度"), choices=Severity.choices, initial="medium")
    description = forms.CharField(
        label=_("问题描述"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=limits.TEXT,
    )
    handler = forms.ModelChoiceField(label=_("处理人"), queryset=User.objects.none())
    due_date = DayField(label=_("处理期限"))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = members if members is not None else User.objects.none()
        self.fields["handler"].label_from_instance = lambda u: (
            f"{u.display_name}（{u.get_role_display()}）"
        )
        self.fields["due_date"].initial = clock.today() + dt.timedelta(days=7)


class NoteForm(BaseForm):
    """开始处理 with an optional note."""

    version = VersionField()
    note = forms.CharField(
        label=_("说明"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=limits.REASON,
    )


class EscalateForm(BaseForm):
    version = VersionField()
    reason = forms.CharField(
        label=_("上报原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.REASON
    )


class AnswerForm(BaseForm):
    version = VersionField()
    answer = forms.CharField(
        label=_("答复意见"), widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.TEXT
    )


class ResolveForm(BaseForm):
    version = VersionField()
    resolution = forms.CharField(
        label=_("处理结果"), widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.TEXT
    )


class AcknowledgeForm(BaseForm):
    comment = forms.CharField(
        label=_("签收意见"), widget=forms.Textarea(attrs={"rows": 2}), max_length=limits.TEXT
    )
