from django.contrib import admin

from .models import ClientImport


@admin.register(ClientImport)
class ClientImportAdmin(admin.ModelAdmin):
    """Imports on record, read-only: they happen through clientimport.services only."""

    list_display = (
        "created_at",
        "file_name",
        "created_by",
        "status",
        "rows_total",
        "imported_count",
    )
    list_filter = ("status",)
    exclude = ("preview",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
