"""Validation and layout only; meetings.services decides and acts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from plans.models import VisitPlanItem
from salesops.forms import DATE, BaseForm, ModelIdsField, OnceMixin

from .models import MINUTES_MAX


class MeetingForm(OnceMixin, BaseForm):
    date = forms.DateField(label=_("会议日期"), widget=DATE)
    attendees = ModelIdsField(
        label=_("参会人员"),
        queryset=User.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(
        label=_("会议纪要"), widget=forms.Textarea(attrs={"rows": 6}), max_length=MINUTES_MAX
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        # the choices shown are the team's; any active user is accepted so that the service can
        # refuse a non-member with a message naming them
        self.fields["attendees"].widget.choices = [
            (p.pk, f"{p.display_name}（{p.get_role_display()}）") for p in people or []
        ]


class WeeklyMeetingForm(MeetingForm):
    key_items = ModelIdsField(
        label=_("确定的重点拜访"),
        queryset=VisitPlanItem.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
