from django.contrib import admin

from accounts.scoping import visible_to

from .models import PoolEvent


@admin.register(PoolEvent)
class PoolEventAdmin(admin.ModelAdmin):
    """The pool's log, read-only: moves happen through clientpool.services only."""

    list_display = ("at", "client", "team", "kind", "salesperson", "by", "status")
    list_filter = ("kind", "team")
    search_fields = ("client__name",)
    list_select_related = ("client", "team", "salesperson", "by")

    def get_queryset(self, request):
        return visible_to(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
