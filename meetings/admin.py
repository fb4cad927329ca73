"""Admin for meetings: kept (no delete); the settled key visits change only through the service."""

from django.contrib import admin

from .models import StrategyMeeting, WeeklyMeeting


class MeetingAdmin(admin.ModelAdmin):
    list_filter = ["team"]
    date_hierarchy = "date"
    filter_horizontal = ["attendees"]
    readonly_fields = ["created_by", "version", "created_at", "updated_at"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WeeklyMeeting)
class WeeklyMeetingAdmin(MeetingAdmin):
    list_display = ["date", "team", "week_start", "created_by"]
    readonly_fields = [*MeetingAdmin.readonly_fields, "week_start", "key_items"]


@admin.register(StrategyMeeting)
class StrategyMeetingAdmin(MeetingAdmin):
    list_display = ["date", "team", "month", "created_by"]
    readonly_fields = [*MeetingAdmin.readonly_fields, "month"]
