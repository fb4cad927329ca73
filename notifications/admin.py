"""Admin: the teams' group robots are configured here (webhook URL, DingTalk's signing secret);
notifications and their deliveries are read-only records."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .channels import webhook_refusal
from .models import (
    CalendarToken,
    ChannelPreference,
    Delivery,
    Notification,
    ScheduledMail,
    TeamChannel,
)


class TeamChannelForm(forms.ModelForm):
    webhook_url = forms.URLField(label=_("Webhook 地址"), max_length=500, assume_scheme="https")

    class Meta:
        model = TeamChannel
        fields = ["team", "kind", "webhook_url", "secret", "active"]

    def clean_webhook_url(self) -> str:
        url = self.cleaned_data["webhook_url"]
        refusal = webhook_refusal(url)
        if refusal:
            raise forms.ValidationError(refusal)
        return url


@admin.register(TeamChannel)
class TeamChannelAdmin(admin.ModelAdmin):
    form = TeamChannelForm
    list_display = ["team", "kind", "active"]
    list_filter = ["kind", "active"]


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    readonly_fields = ["channel", "status", "attempts", "error", "created_at", "sent_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "subject", "period", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__username", "recipient__full_name", "subject"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    inlines = [DeliveryInline]

    def has_add_permission(self, request):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["notification", "channel", "status", "attempts", "error", "sent_at"]
    list_filter = ["channel", "status"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ScheduledMail)
class ScheduledMailAdmin(admin.ModelAdmin):
    list_display = ["kind", "subject", "period", "address", "status", "attempts", "sent_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in ScheduledMail._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ChannelPreference)
class ChannelPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "team_robot"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at"]
    readonly_fields = ["user", "token", "created_at"]

    def has_add_permission(self, request):
        return False
