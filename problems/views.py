"""Thin views: scope the object (404 outside it), check the role (403), call one service, redirect."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from accounts.permissions import SALES_ROLES, role_required
from accounts.scoping import get_visible_or_404
from salesops import limits
from salesops.forms import SUBMISSION_KEY
from salesops.services import today
from salesops.views import paginate, redirect_to, run_create, run_service
from visits.models import Client

from . import queries, rules, services
from .filters import ProblemFilter
from .forms import AcknowledgeForm, AnswerForm, EscalateForm, NoteForm, ProblemForm, ResolveForm
from .models import Problem
from .tables import ProblemTable

READERS = (*SALES_ROLES, Role.LEADER)


def _problem(request, pk: int) -> Problem:
    return get_object_or_404(queries.problems_for(request.user), pk=pk)


def _members(user: User):
    return User.objects.filter(
        team_id=user.team_id, is_active=True, role__in=rules.TEAM_ROLES
    ).order_by("role", "full_name")


@role_required(*READERS)
def problem_list(request):
    flt = ProblemFilter(request.GET, queryset=queries.problems_for(request.user), user=request.user)
    table = ProblemTable(flt.qs)
    if request.user.role != Role.LEADER:
        table.exclude = ("team",)
    paginate(request, table, per_page=25)
    return render(request, "problems/problem_list.html", {"filter": flt, "table": table})


@role_required(*SALES_ROLES)
def problem_new(request):
    form = ProblemForm(request.POST or None, members=_members(request.user))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != SUBMISSION_KEY}
        response = run_create(
            request,
            lambda: services.problem_raise(by=request.user, **data),
            success=_("问题已登记，处理人会在首页看到它。"),
            form=form,
            then=lambda problem: redirect("problems:problem_detail", pk=problem.pk),
        )
        if response:
            return response
    status = 400 if request.method == "POST" else 200
    return render(request, "problems/problem_form.html", {"form": form}, status=status)


@role_required(*READERS)
def problem_detail(request, pk: int, forms_override: dict | None = None):
    problem = _problem(request, pk)
    user = request.user
    initial = {"version": problem.version}
    forms = {
        "handle": NoteForm(initial=initial, prefix="handle")
        if rules.can_start_handling(user, problem)
        else None,
        "escalate": EscalateForm(initial=initial, prefix="escalate")
        if rules.can_escalate(user, problem)
        else None,
        "answer": AnswerForm(initial=initial, prefix="answer")
        if rules.can_answer(user, problem)
        else None,
        "resolve": ResolveForm(initial=initial, prefix="resolve")
        if rules.can_resolve(user, problem)
        else None,
    }
    forms.update(forms_override or {})
    context = {
        "problem": problem,
        "forms": forms,
        "open_action": next(iter(forms_override or {}), None),
        "timeline": list(queries.problem_timeline(problem)),
        "overdue": problem.is_overdue_on(today()),
    }
    return render(
        request, "problems/problem_detail.html", context, status=400 if forms_override else 200
    )


def _act(request, pk: int, action: str, form_class, call, success: str):
    """Run one transition from its form on the problem's page; show the page again on a refusal."""
    problem = _problem(request, pk)
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if run_service(
            request,
            lambda: call(problem=problem, by=request.user, expected_version=version, **data),
            success=success,
            form=form,
        ):
            return redirect("problems:problem_detail", pk=pk)
    return problem_detail(request, pk, forms_override={action: form})


@require_POST
@role_required(*SALES_ROLES)
def problem_handle(request, pk: int):
    return _act(request, pk, "handle", NoteForm, services.problem_start_handling, _("已开始处理。"))


@require_POST
@role_required(Role.MANAGER)
def problem_escalate(request, pk: int):
    return _act(
        request,
        pk,
        "escalate",
        EscalateForm,
        services.problem_escalate,
        _("已上报主管领导，等待答复。"),
    )


@require_POST
@role_required(Role.LEADER)
def problem_answer(request, pk: int):
    return _act(
        request,
        pk,
        "answer",
        AnswerForm,
        services.problem_answer,
        _("已答复，经理会看到您的意见。"),
    )


@require_POST
@role_required(*SALES_ROLES)
def problem_resolve(request, pk: int):
    return _act(
        request, pk, "resolve", ResolveForm, services.problem_resolve, _("问题已标记为已解决。")
    )


# --- the manager's inbox: clients reported to them, accounts opened but not funded ---------------


@role_required(Role.MANAGER)
def inbox(request, form: AcknowledgeForm | None = None, failed_pk: int | None = None):
    context = {
        "reported": list(queries.reported_clients(request.user)),
        "chase": queries.chase_list(request.user),
        "form": AcknowledgeForm(),
        "failed_form": form,
        "failed_pk": failed_pk,
    }
    return render(request, "problems/inbox.html", context, status=400 if form else 200)


@require_POST
@role_required(Role.MANAGER)
def acknowledge(request, pk: int):
    client = get_visible_or_404(request.user, Client.objects.live(), pk=pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid() and run_service(
        request,
        lambda: services.client_acknowledge_report(
            client=client, by=request.user, comment=form.cleaned_data["comment"]
        ),
        success=_("已签收：%(name)s。") % {"name": client.name},
        form=form,
    ):
        return redirect_to("problems:inbox")
    return inbox(request, form=form, failed_pk=client.pk)


@require_POST
@role_required(Role.MANAGER)
def chase_follow_up(request, pk: int):
    """开户未入金 催办: today's 每日重点跟进 for the client's salesperson."""
    client = get_visible_or_404(request.user, Client.objects.live(), pk=pk)
    run_service(
        request,
        lambda: services.client_chase_follow_up(
            client=client,
            by=request.user,
            instruction=request.POST.get("instruction", "")[: limits.SHORT],
        ),
        success=_("已将 %(name)s 安排为今天的重点跟进。") % {"name": client.name},
    )
    return redirect(reverse("problems:inbox") + "#chase-list")


@require_POST
@role_required(Role.MANAGER)
def chase_remind(request, pk: int):
    """开户未入金 催办: a reminder (notification) to the client's salesperson."""
    client = get_visible_or_404(request.user, Client.objects.live(), pk=pk)
    run_service(
        request,
        lambda: services.client_chase_remind(client=client, by=request.user),
        success=_("已提醒营销人员跟进 %(name)s 的入金。") % {"name": client.name},
    )
    return redirect(reverse("problems:inbox") + "#chase-list")
