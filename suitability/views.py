"""Thin views: scope the object (404 outside it), check the role (403), call one service, redirect."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import SALES_ROLES, role_required
from accounts.scoping import get_visible_or_404, visible_to
from salesops.views import redirect_to, run_create, run_service
from visits.models import Client

from . import queries, rules, services
from .forms import AssessmentForm, DecisionForm
from .models import PlanSuitability, Product, Questionnaire, RiskAssessment

READERS = (*SALES_ROLES, Role.LEADER)


@role_required(*SALES_ROLES)
def assess(request, pk: int):
    client = get_visible_or_404(request.user, Client.objects.live(), pk=pk)
    if not rules.may_assess(request.user, client):
        raise PermissionDenied
    questionnaire = Questionnaire.objects.filter(is_active=True).first()
    form = AssessmentForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        response = run_create(
            request,
            lambda: services.assessment_record(
                client=client,
                by=request.user,
                answers=form.answers(),
                investor_class=form.cleaned_data["investor_class"],
            ),
            success=lambda a: (
                _("评估完成：%(level)s，%(cls)s，有效期至 %(day)s。")
                % {
                    "level": a.get_level_display(),
                    "cls": a.get_investor_class_display(),
                    "day": a.valid_until.isoformat(),
                }
            ),
            form=form,
            then=lambda _a: redirect("visits:client_detail", pk=client.pk),
        )
        if response:
            return response
    if questionnaire is None:
        form.add_error(None, _("系统中没有启用的风险评估问卷，请联系管理员。"))
    context = {"client": client, "form": form, "questionnaire": questionnaire}
    status = 400 if request.method == "POST" else 200
    return render(request, "suitability/assess.html", context, status=status)


@role_required(*READERS)
def assessment_detail(request, pk: int):
    assessment = get_object_or_404(
        visible_to(request.user, RiskAssessment.objects.select_related("client", "assessed_by")),
        pk=pk,
    )
    return render(request, "suitability/assessment_detail.html", {"assessment": assessment})


@role_required(*READERS)
def product_list(request):
    products = Product.objects.active().order_by("risk_level", "code")
    return render(request, "suitability/product_list.html", {"products": products})


@role_required(Role.MANAGER, Role.LEADER)
def approvals(request, failed: PlanSuitability | None = None, form: DecisionForm | None = None):
    pending = list(queries.approval_queue(request.user))
    for item in pending:
        item.may_decide = rules.may_decide(request.user, item)
        item.for_leader = rules.decided_by_leader(item)
    context = {
        "pending": pending,
        "decided": list(queries.decided(request.user)[:20]),
        "failed": failed,
        "failed_form": form,
    }
    return render(request, "suitability/approvals.html", context, status=400 if form else 200)


def _decide(request, pk: int, call, success: str):
    suitability = get_visible_or_404(
        request.user, PlanSuitability.objects.select_related("client", "recorded_by"), pk=pk
    )
    if not rules.may_decide(request.user, suitability):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid() and run_service(
        request,
        lambda: call(
            suitability=suitability,
            by=request.user,
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        ),
        success=success % {"name": suitability.client.name},
        form=form,
    ):
        return redirect_to("suitability:approvals")
    return approvals(request, failed=suitability, form=form)


@require_POST
@role_required(Role.MANAGER, Role.LEADER)
def approve(request, pk: int):
    return _decide(
        request, pk, services.plan_approve, _("已批准%(name)s的投资方案，客户进入「方案已制定」。")
    )


@require_POST
@role_required(Role.MANAGER, Role.LEADER)
def reject(request, pk: int):
    return _decide(
        request, pk, services.plan_reject, _("已不同意%(name)s的投资方案，请分析师重新制定。")
    )
