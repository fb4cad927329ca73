import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.scoping import visible_salespeople
from salesops import clock
from salesops.forms import DayFilter

from .masking import searches_by_phone
from .models import Client, ClientStatus, VisitKind, VisitPurpose


class OverdueWidget(django_filters.widgets.BooleanWidget):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = (("", _("全部")), ("true", _("只看逾期")), ("false", _("未逾期")))


class ClientFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名或电话"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=ClientStatus.choices, empty_label=_("全部状态")
    )
    salesperson = django_filters.ModelChoiceFilter(
        label=_("营销人员"), queryset=None, empty_label=_("全部人员")
    )
    overdue = django_filters.BooleanFilter(
        label=_("逾期未回访"),
        method="filter_overdue",
        widget=OverdueWidget(),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = visible_salespeople(user).filter(is_active=True).order_by("full_name")
        self.filters["salesperson"].queryset = people
        if user is not None and user.role == Role.SALESPERSON:
            del self.filters["salesperson"]
        self.by_name_only = not searches_by_phone(user)
        if self.by_name_only:  # someone who sees numbers masked may not search by them either
            self.filters["q"].label = _("姓名")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if self.by_name_only:
            return queryset.filter(name__icontains=value)
        return queryset.filter(Q(name__icontains=value) | Q(phone__icontains=value))

    def filter_overdue(self, queryset, name, value):
        """Client.objects.overdue as of today: the one overdue rule, here or its complement."""
        if value is None:
            return queryset
        today = clock.today()
        if value:
            return queryset.overdue(today=today)
        return queryset.exclude(pk__in=Client.objects.overdue(today=today).values("pk"))


class VisitFilter(django_filters.FilterSet):
    date_from = DayFilter(field_name="date", lookup_expr="gte", label=_("从"))
    date_to = DayFilter(field_name="date", lookup_expr="lte", label=_("到"))
    kind = django_filters.ChoiceFilter(
        label=_("拜访方式"), choices=VisitKind.choices, empty_label=_("全部方式")
    )
    purpose = django_filters.ChoiceFilter(
        label=_("拜访目的"), choices=VisitPurpose.choices, empty_label=_("全部目的")
    )
