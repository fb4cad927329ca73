from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AccountOpening,
    Client,
    ClosingAttempt,
    Deposit,
    FailureAnalysis,
    InvestmentPlan,
    Visit,
)


@admin.register(Client)
class ClientAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "status", "salesperson", "analyst", "team", "revisit_due"]
    list_filter = ["status", "team", "source"]
    search_fields = ["name", "phone"]
    # the pipeline state changes only through visits.services, never by editing it here
    readonly_fields = ["status", "version", "reported_on", "created_at", "updated_at"]
    autocomplete_fields = ["salesperson", "analyst"]

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyDeleteMixin:
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Visit)
class VisitAdmin(ReadOnlyDeleteMixin, admin.ModelAdmin):
    list_display = ["date", "client", "salesperson", "kind", "purpose"]
    list_filter = ["kind", "purpose", "team"]
    search_fields = ["client__name", "summary"]
    raw_id_fields = ["client"]


@admin.register(InvestmentPlan)
class InvestmentPlanAdmin(ReadOnlyDeleteMixin, admin.ModelAdmin):
    list_display = ["client", "analyst", "risk_level", "proposed_amount", "created_at"]
    raw_id_fields = ["client"]


@admin.register(ClosingAttempt)
class ClosingAttemptAdmin(ReadOnlyDeleteMixin, admin.ModelAdmin):
    list_display = ["client", "salesperson", "started_on", "outcome", "decided_on"]
    list_filter = ["outcome"]
    raw_id_fields = ["client"]


@admin.register(AccountOpening)
class AccountOpeningAdmin(ReadOnlyDeleteMixin, admin.ModelAdmin):
    list_display = ["client", "date", "account_number"]
    raw_id_fields = ["client"]


@admin.register(Deposit)
class DepositAdmin(ReadOnlyDeleteMixin, admin.ModelAdmin):
    list_display = ["client", "date", "amount"]
    raw_id_fields = ["client"]


@admin.register(FailureAnalysis)
class FailureAnalysisAdmin(ReadOnlyDeleteMixin, admin.ModelAdmin):
    list_display = ["client", "reason", "created_at"]
    list_filter = ["reason"]
    raw_id_fields = ["client"]
