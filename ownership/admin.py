"""Read-only records in the admin: transfers change only through ownership.services, and a reveal
record is never edited."""

from django.contrib import admin

from accounts.scoping import visible_to

from .models import ClientTransfer, PhoneReveal


class ReadOnlyScoped(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return visible_to(request.user, super().get_queryset(request))


@admin.register(ClientTransfer)
class ClientTransferAdmin(ReadOnlyScoped):
    list_display = [
        "client",
        "from_salesperson",
        "to_salesperson",
        "state",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["state", "team"]
    list_select_related = [
        "client",
        "from_salesperson",
        "to_salesperson",
        "requested_by",
        "decided_by",
    ]


@admin.register(PhoneReveal)
class PhoneRevealAdmin(ReadOnlyScoped):
    list_display = ["at", "user", "client", "file", "numbers"]
    list_select_related = ["user", "client"]
    date_hierarchy = "at"
