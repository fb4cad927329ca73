"""Admin for reward/penalty proposals: states and decisions are read-only here (they change only
through proposals.services, logged); nothing is deleted."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Proposal


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["person", "team", "month", "kind", "amount", "unit", "status", "decided_by"]
    list_filter = ["status", "kind", "team"]
    search_fields = ["person__username", "person__full_name", "reason"]
    date_hierarchy = "month"
    readonly_fields = [
        "status",
        "reject_reason",
        "submitted_at",
        "decided_by",
        "decided_at",
        "proposed_by",
        "version",
        "created_at",
        "updated_at",
    ]

    def has_delete_permission(self, request, obj=None):
        return False
