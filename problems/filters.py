"""Filters for the problem log."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.scoping import visible_teams
from salesops.services import today

from .models import Problem, ProblemCategory, ProblemStatus, Severity


class ProblemFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=ProblemStatus.choices, empty_label=_("全部状态")
    )
    category = django_filters.ChoiceFilter(
        label=_("类别"), choices=ProblemCategory.choices, empty_label=_("全部类别")
    )
    severity = django_filters.ChoiceFilter(
        label=_("严重程度"), choices=Severity.choices, empty_label=_("全部")
    )
    team = django_filters.ModelChoiceFilter(
        label=_("团队"), queryset=None, empty_label=_("全部团队")
    )
    overdue = django_filters.BooleanFilter(
        label=_("只看逾期"),
        method="filter_overdue",
        widget=django_filters.widgets.forms.CheckboxInput,
    )

    class Meta:
        model = Problem
        fields = ["status", "category", "severity", "team", "overdue"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None or user.role != Role.LEADER:
            del self.filters["team"]
        else:
            self.filters["team"].queryset = visible_teams(user)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(as_of=today()) if value else queryset
