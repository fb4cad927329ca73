from django.contrib import admin

from .models import DownloadRecord, Submission


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


@admin.register(DownloadRecord)
class DownloadRecordAdmin(admin.ModelAdmin):
    """Read-only: a record of a download is never changed or deleted."""

    list_display = ["at", "user", "team", "what", "kind", "filters", "rows"]
    list_filter = ["kind", "team"]
    search_fields = ["what", "user__username", "user__full_name", "filters"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
