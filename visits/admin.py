"""Admin for superusers: the pipeline state is read-only here.

Status changes only through visits.services (the admin actions below call them); side records
(visits, plans, closing attempts, openings, deposits, failure analyses) are written by those services
alongside a transition, so the admin may correct their text but not add them or rewrite the facts
that reports count.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from salesops.phones import phone_e164
from salesops.services import data_changed

from . import services
from .models import (
    AccountOpening,
    Client,
    ClosingAttempt,
    Deposit,
    FailureAnalysis,
    InvestmentPlan,
    PhoneLookup,
    Visit,
)


class ClientAdminForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = "__all__"  # noqa: DJ007 -- the admin narrows it (readonly_fields)

    def clean_phone(self):
        """A new number is keyed and must be free, as in visits.services (one number, one owner)."""
        phone = (self.cleaned_data.get("phone") or "").strip()
        key = phone_e164(phone)
        if key != phone_e164(self.instance.phone if self.instance.pk else ""):
            refusal = services.phone_taken(key, exclude_pk=self.instance.pk)
            if refusal:
                raise forms.ValidationError(refusal.message)
        return phone


@admin.register(Client)
class ClientAdmin(SimpleHistoryAdmin):
    form = ClientAdminForm
    list_display = ["name", "phone", "status", "salesperson", "analyst", "team", "revisit_due"]
    list_filter = ["status", "team", "source"]
    search_fields = ["name", "phone"]
    readonly_fields = [
        "status",
        "revisit_due",
        "reported_on",
        "version",
        "archived_at",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["salesperson", "analyst"]
    actions = ["reactivate_clients"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # the team follows the owner; and an edit here must invalidate forms open elsewhere
        was = Client.objects.filter(pk=obj.pk).values_list("team_id", flat=True).first()
        obj.team_id = obj.salesperson.team_id
        if "phone" in form.changed_data:
            obj.phone_normalized = phone_e164(obj.phone)
        if change:
            obj.version += 1
            obj._change_reason = "系统管理修改"
        super().save_model(request, obj, form, change)
        data_changed(obj.team_id, was)  # cached reports over both teams are stale

    @admin.action(description="重新激活所选已放弃客户（经服务执行）")
    def reactivate_clients(self, request, queryset):
        done = 0
        for client in queryset:
            try:
                services.client_reactivate(client=client, by=request.user, comment="系统管理")
            except (services.ServiceError, PermissionDenied) as exc:
                self.message_user(request, f"{client}：{exc}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, f"已重新激活 {done} 个客户。")


class SideRecordAdmin(admin.ModelAdmin):
    """Written by the pipeline services only: no adding or deleting here."""

    raw_id_fields = ["client"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Visit)
class VisitAdmin(SideRecordAdmin):
    list_display = ["date", "client", "salesperson", "kind", "purpose"]
    list_filter = ["kind", "purpose", "team"]
    search_fields = ["client__name", "summary"]
    readonly_fields = ["client", "team", "salesperson", "date", "purpose", "created_at"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # archiving a visit here changes the client's last visit and visit count
        services.visit_summary_refresh([obj.client_id])
        data_changed(obj.team_id)


@admin.register(InvestmentPlan)
class InvestmentPlanAdmin(SideRecordAdmin):
    list_display = ["client", "analyst", "risk_level", "proposed_amount", "created_at"]
    # the products and their level are checked by suitability when the plan is made: not edited here
    readonly_fields = ["client", "analyst", "products", "risk_level", "created_at"]


@admin.register(ClosingAttempt)
class ClosingAttemptAdmin(SideRecordAdmin):
    list_display = ["client", "salesperson", "started_on", "outcome", "decided_on"]
    list_filter = ["outcome"]
    readonly_fields = ["client", "team", "salesperson", "started_on", "outcome", "decided_on"]


@admin.register(AccountOpening)
class AccountOpeningAdmin(SideRecordAdmin):
    list_display = ["client", "date", "account_number"]
    readonly_fields = ["client", "date", "recorded_by", "created_at"]


@admin.register(Deposit)
class DepositAdmin(SideRecordAdmin):
    list_display = ["client", "date", "amount"]
    readonly_fields = ["client", "date", "amount", "recorded_by", "created_at"]


@admin.register(FailureAnalysis)
class FailureAnalysisAdmin(SideRecordAdmin):
    list_display = ["client", "reason", "created_at"]
    list_filter = ["reason"]
    readonly_fields = ["client", "attempt", "recorded_by", "created_at"]


@admin.register(PhoneLookup)
class PhoneLookupAdmin(admin.ModelAdmin):
    """Duplicate-number checks on record (read-only): who checked which number (masked), when."""

    list_display = ["at", "user", "number", "found", "holder"]
    list_filter = ["found"]
    raw_id_fields = ["user", "holder"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
