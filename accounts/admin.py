from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from salesops.services import data_changed

from .models import Team, User


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "manager", "created_at"]
    search_fields = ["name", "manager__full_name", "manager__username"]
    autocomplete_fields = ["manager"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "team", "phone", "is_active", "is_staff"]
    list_filter = ["role", "team", "is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "full_name", "phone", "email"]
    ordering = ["team__name", "role", "username"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("营销部信息"), {"fields": ("full_name", "phone", "role", "team")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("营销部信息"), {"fields": ("full_name", "phone", "role", "team")}),
    )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # a person's name, team or role is in every report: cached ones are stale (reports.freshness)
        data_changed(None)
