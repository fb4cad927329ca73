from django.contrib import admin

from accounts.scoping import visible_to

from .models import CheckIn, ClientLocation


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ("visit", "position_state", "latitude", "longitude", "accuracy", "created_at")
    list_filter = ("position_state",)
    raw_id_fields = ("visit",)
    readonly_fields = ("created_at",)

    def get_queryset(self, request):
        return visible_to(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # evidence of a visit: recorded by the 记录拜访 form only


@admin.register(ClientLocation)
class ClientLocationAdmin(admin.ModelAdmin):
    list_display = ("client", "latitude", "longitude", "address", "updated_at")
    raw_id_fields = ("client",)
    search_fields = ("client__name", "address")

    def get_queryset(self, request):
        return visible_to(request.user, super().get_queryset(request))
