from django.contrib import admin

from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = [
        "team",
        "code",
        "period_key",
        "submitted_by",
        "submitted_at",
        "due_at",
        "acknowledged_at",
    ]
    list_filter = ["code", "team"]
    readonly_fields = ["xlsx", "pdf", "submitted_at", "submitted_by", "due_at"]

    def has_delete_permission(self, request, obj=None):
        return False
