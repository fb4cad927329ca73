"""Admin: the questionnaire (questions, choices, scores, thresholds) and the product catalogue are
edited here. Assessments and plan verdicts are records: read-only, never deleted."""

from django.contrib import admin

from .models import Choice, PlanSuitability, Product, Question, Questionnaire, RiskAssessment


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    show_change_link = True


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 1


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "c2_min", "c3_min", "c4_min", "c5_min", "created_at"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "questionnaire", "order"]
    list_filter = ["questionnaire"]
    inlines = [ChoiceInline]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "risk_level", "is_active"]
    list_filter = ["risk_level", "is_active"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request, obj=None):
        return False  # plans keep naming it; take it off sale instead


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(ReadOnly):
    list_display = ["client", "level", "investor_class", "score", "assessed_by", "valid_until"]
    list_filter = ["level", "investor_class"]


@admin.register(PlanSuitability)
class PlanSuitabilityAdmin(ReadOnly):
    list_display = ["client", "client_level", "plan_level", "verdict", "recorded_at", "decided_by"]
    list_filter = ["verdict"]
