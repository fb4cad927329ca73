"""Admin for the problem log and the inbox acknowledgements.

States and the escalation and answer stamps are read-only here: they change only through
problems.services, so that every change is checked and logged (django-fsm-log). Nothing is deleted.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Problem, ReportAcknowledgement


@admin.register(Problem)
class ProblemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "team", "category", "severity", "status", "handler", "due_date"]
    list_filter = ["status", "category", "severity", "team"]
    search_fields = ["title", "description"]
    date_hierarchy = "due_date"
    raw_id_fields = ["raised_by", "handler"]
    readonly_fields = [
        "status",
        "escalation_reason",
        "escalated_at",
        "escalated_by",
        "answer",
        "answered_at",
        "answered_by",
        "resolution",
        "resolved_at",
        "version",
        "created_at",
        "updated_at",
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportAcknowledgement)
class ReportAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["client", "reported_on", "by", "at"]
    readonly_fields = ["client", "reported_on", "comment", "by", "at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
