"""Admin for the annual plans: read-only stamps; edits go through performance.services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualPlan, AnnualPlanMonth


class AnnualPlanMonthInline(admin.TabularInline):
    model = AnnualPlanMonth
    extra = 0
    can_delete = False


@admin.register(AnnualPlan)
class AnnualPlanAdmin(SimpleHistoryAdmin):
    list_display = [
        "team",
        "year",
        "target_visits",
        "target_deposit_amount",
        "author",
        "updated_at",
    ]
    list_filter = ["team", "year"]
    readonly_fields = ["author", "version", "created_at", "updated_at"]
    inlines = [AnnualPlanMonthInline]

    def has_delete_permission(self, request, obj=None):
        return False
