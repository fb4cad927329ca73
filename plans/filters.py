"""Filters for the plan list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.scoping import visible_salespeople
from salesops.forms import DayFilter

from .models import Horizon, PlanStatus, VisitPlan


class PlanFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=PlanStatus.choices, empty_label=_("全部状态")
    )
    horizon = django_filters.ChoiceFilter(
        label=_("类型"), choices=Horizon.choices, empty_label=_("全部类型")
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("营销人员"), queryset=None, empty_label=_("全部人员")
    )
    since = DayFilter(label=_("开始不早于"), field_name="period_start", lookup_expr="gte")

    class Meta:
        model = VisitPlan
        fields = ["status", "horizon", "owner", "since"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.role == Role.SALESPERSON:
            del self.filters["owner"]
        else:
            self.filters["owner"].queryset = (
                visible_salespeople(user).filter(is_active=True).order_by("full_name")
            )
