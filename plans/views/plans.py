"""Plans and their items, the review queue: list, create, edit, submit, approve, return."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm_log.models import StateLog

from accounts.models import Role
from accounts.permissions import role_required
from accounts.scoping import get_visible_or_404
from salesops import clock
from salesops.forms import SUBMISSION_KEY
from salesops.views import paginate, posted_version, run_create, run_service
from visits.models import Client, ClientStatus

from .. import queries, rules, services
from ..filters import PlanFilter
from ..forms import PlanCreateForm, PlanItemForm, ReasonForm
from ..models import VisitPlan, VisitPlanItem
from ..tables import PlanTable


def _plan(request, pk: int) -> VisitPlan:
    return get_visible_or_404(
        request.user, VisitPlan.objects.select_related("owner", "team"), pk=pk
    )


@role_required(Role.SALESPERSON, Role.MANAGER)
def plan_list(request):
    flt = PlanFilter(request.GET, queryset=queries.plans_for(request.user), user=request.user)
    table = PlanTable(flt.qs)
    if request.user.role == Role.SALESPERSON:
        table.exclude = ("owner",)
    paginate(request, table, per_page=25)
    today = clock.today()
    form = PlanCreateForm(initial={"day": today + dt.timedelta(days=7)})
    return render(request, "plans/plan_list.html", {"filter": flt, "table": table, "form": form})


@require_POST
@role_required(Role.SALESPERSON)
def plan_create(request):
    form = PlanCreateForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for name in ("horizon", "day") for e in form.errors.get(name, [])]
        messages.error(request, "；".join(errors) or _("请选择方案类型和日期。"))
        return redirect("plans:plan_list")
    data = form.cleaned_data

    def create():
        try:
            return services.plan_create(
                owner=request.user,
                horizon=data["horizon"],
                period_start=data["day"],
                copy_open_items_from_previous=data["copy_open_items"],
            )
        except services.ServiceError as exc:
            # the period already has a plan: open it instead of making the user look for it
            start = services.plan_period(data["horizon"], data["day"]).start
            existing = VisitPlan.objects.filter(
                owner=request.user, horizon=data["horizon"], period_start=start
            ).first()
            if existing is None:
                raise
            messages.info(request, exc.message)
            raise Existing(existing) from None

    try:
        response = run_create(
            request,
            create,
            success=lambda plan: _created(plan, copied=data["copy_open_items"]),
            form=form,
            then=lambda plan: redirect("plans:plan_detail", pk=plan.pk),
        )
    except Existing as found:
        return redirect("plans:plan_detail", pk=found.plan.pk)
    if response is None:
        messages.error(request, str(next(iter(form.errors.values()))[0]))
        return redirect("plans:plan_list")
    return response


def _created(plan: VisitPlan, *, copied: bool) -> str:
    """The success message; when the last period's open items were copied, which ones."""
    if not copied:
        return _("方案已创建，请添加拜访安排。")
    items = list(plan.items.live().select_related("client").order_by("date", "pk"))
    if not items:
        return _("方案已创建；上一期没有未完成的拜访可复制，请添加拜访安排。")
    listed = "、".join(
        f"{item.client.name if item.client else item.prospect_name}"
        f"（{item.date:%m-%d} {item.get_purpose_display()}）"
        for item in items
    )
    return _("方案已创建，并复制了上一期未完成的 %(n)s 项拜访：%(items)s。") % {
        "n": len(items),
        "items": listed,
    }


class Existing(Exception):
    def __init__(self, plan: VisitPlan):
        self.plan = plan


@role_required(Role.SALESPERSON, Role.MANAGER)
def plan_detail(request, pk: int, item_form=None, reason_form=None):
    plan = _plan(request, pk)
    user = request.user
    clients = _my_clients(plan)
    context = {
        "plan": plan,
        "items": queries.plan_with_items(plan),
        "can_edit": rules.can_edit_plan(user, plan),
        "can_submit": rules.can_submit_plan(user, plan),
        "can_review": rules.can_review_plan(user, plan),
        "can_set_key": rules.can_set_key(user, plan),
        "item_form": item_form
        or PlanItemForm(clients=clients, initial={"date": plan.period_start}),
        "reason_form": reason_form or ReasonForm(),
        "recent_visits": queries.recent_visits(plan.owner) if user.role == Role.MANAGER else None,
        "log": list(_plan_log(plan)),
    }
    return render(request, "plans/plan_detail.html", context)


def _plan_log(plan: VisitPlan):
    return StateLog.objects.for_(plan).select_related("by", "content_type").order_by("-timestamp")


@require_POST
@role_required(Role.SALESPERSON)
def item_add(request, pk: int):
    plan = _plan(request, pk)
    if not rules.owns_plan(request.user, plan):
        raise PermissionDenied
    form = PlanItemForm(request.POST, clients=_my_clients(plan))
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data.pop(SUBMISSION_KEY)
        response = run_create(
            request,
            lambda: services.plan_item_add(
                plan=plan, by=request.user, expected_version=version, **data
            ),
            success=_("已添加拜访安排。"),
            form=form,
            then=lambda _item: redirect("plans:plan_detail", pk=pk),
        )
        if response:
            return response
    response = plan_detail(request, pk, item_form=form)
    response.status_code = 400
    return response


def _item(request, pk: int) -> VisitPlanItem:
    return get_visible_or_404(request.user, VisitPlanItem.objects.select_related("plan"), pk=pk)


@require_POST
@role_required(Role.SALESPERSON)
def item_archive(request, pk: int):
    item = _item(request, pk)
    run_service(
        request,
        lambda: services.plan_item_archive(
            item=item, by=request.user, expected_version=posted_version(request)
        ),
        success=_("已移除该拜访安排。"),
    )
    return redirect("plans:plan_detail", pk=item.plan_id)


def _my_clients(plan: VisitPlan):
    return (
        Client.objects.live()
        .filter(salesperson=plan.owner)
        .exclude(status=ClientStatus.DROPPED)
        .order_by("name")
    )


@role_required(Role.SALESPERSON)
def item_edit(request, pk: int):
    item = _item(request, pk)
    plan = item.plan
    if not rules.can_edit_plan(request.user, plan) or item.archived_at or item.visit_id:
        raise PermissionDenied
    initial = {
        "version": plan.version,
        "date": item.date,
        "client": item.client_id,
        "prospect_name": item.prospect_name,
        "purpose": item.purpose,
        "is_key": item.is_key,
        "note": item.note,
    }
    form = PlanItemForm(request.POST or None, clients=_my_clients(plan), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data.pop(SUBMISSION_KEY)  # an edit: the plan's version already refuses a repeat
        ok = run_service(
            request,
            lambda: services.plan_item_update(
                item=item, by=request.user, expected_version=version, **data
            ),
            success=_("拜访安排已修改。"),
            form=form,
        )
        if ok:
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(request, "plans/item_edit.html", {"item": item, "plan": plan, "form": form})


@require_POST
@role_required(Role.SALESPERSON)
def plan_reopen(request, pk: int):
    plan = _plan(request, pk)
    if not rules.owns_plan(request.user, plan):
        raise PermissionDenied
    run_service(
        request,
        lambda: services.plan_reopen(
            plan=plan, by=request.user, expected_version=posted_version(request)
        ),
        success=_("方案已退回草稿，可以修改后重新提交。"),
    )
    return redirect("plans:plan_detail", pk=pk)


@require_POST
@role_required(Role.SALESPERSON, Role.MANAGER)
def item_key(request, pk: int):
    item = _item(request, pk)
    if not rules.can_set_key(request.user, item.plan):
        raise PermissionDenied
    is_key = request.POST.get("is_key") == "1"
    services.plan_set_key(item=item, by=request.user, is_key=is_key)
    messages.success(request, _("已设为重点。") if is_key else _("已取消重点。"))
    return redirect("plans:plan_detail", pk=item.plan_id)


@require_POST
@role_required(Role.SALESPERSON)
def plan_submit(request, pk: int):
    plan = _plan(request, pk)
    if not rules.owns_plan(request.user, plan):
        raise PermissionDenied
    run_service(
        request,
        lambda: services.plan_submit(
            plan=plan, by=request.user, expected_version=posted_version(request)
        ),
        success=_("方案已提交，等待经理审核。"),
    )
    return redirect("plans:plan_detail", pk=pk)


@require_POST
@role_required(Role.MANAGER)
def plan_approve(request, pk: int):
    plan = _plan(request, pk)
    run_service(
        request,
        lambda: services.plan_approve(
            plan=plan, by=request.user, expected_version=posted_version(request)
        ),
        success=_("已审核通过：%(name)s 的方案。") % {"name": plan.owner.display_name},
    )
    return redirect("plans:review_queue")


@require_POST
@role_required(Role.MANAGER)
def plan_return(request, pk: int):
    plan = _plan(request, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        ok = run_service(
            request,
            lambda: services.plan_return(
                plan=plan,
                by=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
            success=_("已打回，%(name)s 将看到打回原因。") % {"name": plan.owner.display_name},
            form=form,
        )
        if ok:
            return redirect("plans:review_queue")
    else:
        form.add_error(None, _("打回时必须填写原因。"))
    response = plan_detail(request, pk, reason_form=form)
    response.status_code = 400
    return response


@role_required(Role.MANAGER)
def review_queue(request):
    return render(request, "plans/review_queue.html", queries.review_queue(request.user))
