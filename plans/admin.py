"""Admin for plans, logs, tasks and letters.

States and review stamps are read-only here: they change only through plans.services, so that every
change is checked and logged (django-fsm-log). Nothing is deleted from the admin either.
"""

from django.contrib import admin

from .models import (
    CommitmentLetter,
    DailyFocus,
    ManagerWeeklyPlan,
    MonthlySalesPlan,
    SalesTask,
    VisitPlan,
    VisitPlanItem,
    WorkLog,
)


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


class VisitPlanItemInline(admin.TabularInline):
    model = VisitPlanItem
    extra = 0
    raw_id_fields = ["client", "visit"]
    readonly_fields = ["visit", "archived_at"]
    can_delete = False


@admin.register(VisitPlan)
class VisitPlanAdmin(NoDeleteAdmin):
    list_display = ["owner", "team", "horizon", "period_start", "status", "submitted_at"]
    list_filter = ["status", "horizon", "team"]
    search_fields = ["owner__username", "owner__full_name"]
    date_hierarchy = "period_start"
    readonly_fields = [
        "status",
        "return_reason",
        "submitted_at",
        "reviewed_at",
        "reviewed_by",
        "version",
        "created_at",
        "updated_at",
    ]
    inlines = [VisitPlanItemInline]


@admin.register(WorkLog)
class WorkLogAdmin(NoDeleteAdmin):
    list_display = ["salesperson", "date", "team"]
    list_filter = ["team"]
    search_fields = ["salesperson__full_name", "content"]
    date_hierarchy = "date"
    readonly_fields = ["version", "created_at", "updated_at"]


@admin.register(MonthlySalesPlan)
class MonthlySalesPlanAdmin(NoDeleteAdmin):
    list_display = ["team", "month", "reported_at", "announced_at"]
    list_filter = ["team"]
    readonly_fields = ["reported_at", "announced_at", "announced_by", "version"]


@admin.register(SalesTask)
class SalesTaskAdmin(NoDeleteAdmin):
    list_display = [
        "salesperson",
        "month",
        "target_visits",
        "target_new_clients",
        "target_accounts",
        "target_deposit_amount",
    ]
    list_filter = ["team", "month"]
    readonly_fields = ["version"]


@admin.register(CommitmentLetter)
class CommitmentLetterAdmin(NoDeleteAdmin):
    list_display = ["task", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status"]
    readonly_fields = [
        "status",
        "reject_reason",
        "submitted_at",
        "reviewed_at",
        "reviewed_by",
        "version",
    ]


@admin.register(DailyFocus)
class DailyFocusAdmin(NoDeleteAdmin):
    list_display = ["date", "salesperson", "client", "followed_up"]
    list_filter = ["team"]
    raw_id_fields = ["client", "visit"]
    readonly_fields = ["visit"]

    @admin.display(boolean=True, description="已跟进")
    def followed_up(self, obj):
        return obj.followed_up


@admin.register(ManagerWeeklyPlan)
class ManagerWeeklyPlanAdmin(NoDeleteAdmin):
    list_display = ["team", "week_start", "author", "reported_at"]
    list_filter = ["team"]
    readonly_fields = ["reported_at", "version"]
