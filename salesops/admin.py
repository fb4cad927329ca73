from django.contrib import admin

from .models import OverflowText


@admin.register(OverflowText)
class OverflowTextAdmin(admin.ModelAdmin):
    """Read-only: the full text of fields that were cut when the maximum lengths came in."""

    list_display = ("content_type", "object_id", "field", "saved_at")
    list_filter = ("content_type", "field")
    readonly_fields = ("content_type", "object_id", "field", "text", "saved_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
