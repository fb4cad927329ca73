"""Admin for training: records are kept (no delete); versions and attendance stamps are read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attendance, TrainingSession


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    can_delete = False
    raw_id_fields = ["person", "recorded_by"]
    readonly_fields = ["recorded_by", "recorded_at"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(SimpleHistoryAdmin):
    list_display = ["date", "team", "topic", "hours", "trainer", "trainer_name"]
    list_filter = ["team"]
    search_fields = ["topic"]
    date_hierarchy = "date"
    raw_id_fields = ["trainer", "created_by"]
    readonly_fields = ["version", "created_by", "created_at", "updated_at"]
    inlines = [AttendanceInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "person", "attended", "recorded_at"]
    list_filter = ["attended", "session__team"]
    raw_id_fields = ["session", "person", "recorded_by"]
    readonly_fields = ["recorded_by", "recorded_at"]

    def has_delete_permission(self, request, obj=None):
        return False
