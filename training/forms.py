"""Validation and layout only; training.services decides and acts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from salesops import limits
from salesops.forms import DATE, BaseForm, ModelIdsField, OnceMixin, VersionedForm, VersionField


class SessionForm(OnceMixin, BaseForm):
    # absent while the session does not exist yet
    version = VersionField(required=False)
    topic = forms.CharField(label=_("培训主题"), max_length=100)
    date = forms.DateField(label=_("培训日期"), widget=DATE)
    hours = forms.DecimalField(
        label=_("学时"),
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    trainer = forms.ModelChoiceField(
        label=_("培训人"), queryset=User.objects.none(), required=False
    )
    trainer_name = forms.CharField(label=_("或外部培训人"), max_length=limits.NAME, required=False)
    material = forms.CharField(
        label=_("培训资料"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=limits.LONG,
        required=False,
    )
    material_file = forms.FileField(
        label=_("资料文件"),
        required=False,
        help_text=_("PDF、Office 文档、文本或图片，不超过 10 MB"),
    )

    def __init__(self, *args, trainers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if trainers is not None:
            self.fields["trainer"].queryset = trainers
        self.fields["trainer"].empty_label = _("— 本公司人员 —")


class AttendanceForm(VersionedForm):
    # any active user: the service refuses a non-member with a message naming them
    present = ModelIdsField(
        label=_("出勤"), queryset=User.objects.filter(is_active=True), required=False
    )
    listed = ModelIdsField(
        label=_("名单"), queryset=User.objects.filter(is_active=True), required=False
    )
