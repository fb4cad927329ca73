"""Thin views: scope the object, call one service or query, message, redirect."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from accounts.permissions import SALES_ROLES, role_required
from accounts.scoping import can_see, get_visible_or_404
from salesops.forms import SUBMISSION_KEY
from salesops.services import ServiceError
from salesops.views import paginate, parse_id, run_create, run_service

from . import extensions, queries, rules, services
from .filters import ClientFilter, VisitFilter
from .forms import ACTION_FORMS, ClientInfoForm, RegisterClientForm, VisitForm, action_form
from .masking import mask_phone
from .models import Client, ClientStatus, VisitPurpose
from .tables import ClientTable, VisitTable

ACTION_SUCCESS = {
    "analyze_needs": gettext_lazy("已记录投资需求。"),
    "report_to_manager": gettext_lazy("已上报营销部经理。"),
    "prepare_plan": gettext_lazy("投资方案已制定，请在期限内安排二次回访。"),
    "start_closing": gettext_lazy("已开始促单，并上报经理。"),
    "close_won": gettext_lazy("促单成功，已登记开户。"),
    "close_lost": gettext_lazy("已记录促单失败及原因分析，请安排再次拜访。"),
    "record_deposit": gettext_lazy("已记录入金。"),
    "drop": gettext_lazy("已放弃该客户。"),
    "reactivate": gettext_lazy("客户已重新激活为待拜访。"),
    "set_revisit_due": gettext_lazy("已设定二次回访期限。"),
}


def _created_message(action: str):
    """The success message of an action that creates a record: another app's (suitability: a plan
    the client insisted on waits for the manager), else the pipeline's own."""

    def message(created):
        for said in extensions.created_message:
            if (text := said(action, created)) is not None:
                return text
        return str(ACTION_SUCCESS[action])

    return message


NEW_CLIENT_FIELDS = ("new_name", "new_phone", "new_source", "new_confirm_similar")


def _number_taken(user: User, form) -> dict[str, str] | None:
    """The way on from a duplicate-number refusal: the user's own (or visible) client, else what
    another app offers (ownership: 申请转移 to the owner's manager)."""
    refusal = getattr(form, "refusal", None)
    if not isinstance(refusal, services.PhoneTaken):
        return None
    holder = refusal.holder
    if can_see(user, holder):
        return {
            "url": reverse("visits:client_detail", args=[holder.pk]),
            "label": _("打开该客户：%(name)s") % {"name": holder.name},
        }
    for offer in extensions.number_taken:
        if (found := offer(user, holder)) is not None:
            return found
    return None


def _client(user: User, pk: int) -> Client:
    return get_visible_or_404(
        user, Client.objects.select_related("salesperson", "analyst", "team"), pk=pk
    )


# the leader (主管领导) reads every team's clients; no action is theirs (rules.relation gives none)
CLIENT_READERS = (*SALES_ROLES, Role.LEADER)


@role_required(*CLIENT_READERS)
def client_list(request):
    qs = queries.clients_for(request.user)
    flt = ClientFilter(request.GET, queryset=qs, user=request.user)
    table = ClientTable(flt.qs, viewer=request.user)
    if request.user.role == Role.SALESPERSON:
        table.exclude = ("salesperson",)
    paginate(request, table, per_page=25)
    return render(request, "visits/client_list.html", {"filter": flt, "table": table})


@role_required(*CLIENT_READERS)
def client_detail(request, pk: int, forms_override: dict | None = None):
    client = _client(request.user, pk)
    extra: dict = {}  # what the other apps show on the page (suitability, 外勤签到, ownership)
    for part in extensions.client_page:
        extra.update(part(request, client))
    allowed = [  # suitability: no 制定投资方案 while a plan waits for the manager
        action
        for action in rules.allowed_actions(request.user, client)
        if all(
            offered(request.user, client, action, extra) for offered in extensions.offered_actions
        )
    ]
    forms = {}
    for action in allowed:
        if action in ACTION_FORMS:
            initial = {"version": client.version}
            if action == "set_revisit_due":
                initial["revisit_due"] = client.revisit_due
            forms[action] = action_form(action, initial=initial, prefix=action)
    forms.update(forms_override or {})
    context = {
        "client": client,
        "allowed": allowed,
        "action_forms": [(a, forms[a], services.TRANSITION_LABELS[a]) for a in forms],
        "open_action": next(iter(forms_override or {}), None),
        "timeline": queries.client_timeline(client),
        "plan": client.investment_plans.select_related("analyst").first(),
        "opening": getattr(client, "account_opening", None),
        "history": queries.client_history(client) if request.user.role == Role.MANAGER else None,
        **extra,
    }
    return render(request, "visits/client_detail.html", context)


@require_POST
@role_required(*SALES_ROLES)
def client_action(request, pk: int, action: str):
    client = _client(request.user, pk)
    if action not in ACTION_FORMS:
        raise Http404
    if not rules.may(request.user, client, action):
        raise PermissionDenied
    form = action_form(action, request.POST, prefix=action)
    if form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        service = getattr(services, f"client_{action}")
        if SUBMISSION_KEY in data:  # an action that creates a record (a deposit, a plan): once
            data.pop(SUBMISSION_KEY)
            response = run_create(
                request,
                lambda: service(client=client, by=request.user, expected_version=version, **data),
                success=_created_message(action),
                form=form,
                then=lambda _created: redirect("visits:client_detail", pk=pk),
            )
            if response:
                return response
        elif run_service(
            request,
            lambda: service(client=client, by=request.user, expected_version=version, **data),
            success=str(ACTION_SUCCESS[action]),
            form=form,
        ):
            return redirect("visits:client_detail", pk=pk)
    response = client_detail(request, pk, forms_override={action: form})
    response.status_code = 400
    return response


def _lookup_allowed(form: Any, field: str, **lookup: Any) -> bool:
    """The duplicate-number look-up is recorded and capped before the action runs (in its own
    transaction: services.phone_lookup_guard); past the cap the form says so beside the number."""
    try:
        services.phone_lookup_guard(**lookup)
    except ServiceError as exc:
        form.add_error(field, exc.message)
        return False
    return True


@role_required(Role.SALESPERSON, Role.MANAGER)
def client_register(request):
    form = RegisterClientForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _lookup_allowed(form, "phone", by=request.user, phone=form.cleaned_data["phone"])
    ):
        data = dict(form.cleaned_data)
        data.pop(SUBMISSION_KEY)
        response = run_create(
            request,
            lambda: services.client_register(by=request.user, **data),
            success=lambda client: _("已登记新客户：%(name)s。") % {"name": client.name},
            form=form,
            then=lambda client: redirect("visits:client_detail", pk=client.pk),
        )
        if response:
            return response
    return render(
        request,
        "visits/client_form.html",
        {
            "form": form,
            "title": _("登记新客户"),
            "number_taken": _number_taken(request.user, form),
        },
    )


@role_required(*SALES_ROLES)
def client_edit(request, pk: int):
    client = _client(request.user, pk)
    if not rules.may(request.user, client, "edit_info"):
        raise PermissionDenied
    current_phone = client.phone  # validating the form writes the posted one onto ``client``
    form = ClientInfoForm(
        request.POST or None, instance=client, initial={"version": client.version}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _lookup_allowed(
            form,
            "phone",
            by=request.user,
            phone=form.cleaned_data["phone"],
            exclude_pk=client.pk,
            current=current_phone,
        )
    ):
        data = {k: form.cleaned_data[k] for k in ClientInfoForm.Meta.fields}
        if run_service(
            request,
            lambda: services.client_update_info(
                client=client,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                **data,
            ),
            success=_("客户信息已保存。"),
            form=form,
        ):
            return redirect("visits:client_detail", pk=pk)
    return render(
        request,
        "visits/client_form.html",
        {
            "form": form,
            "client": client,
            "title": _("修改客户信息"),
            "number_taken": _number_taken(request.user, form),
        },
    )


@role_required(Role.SALESPERSON, Role.MANAGER)
def visit_log(request):
    user = request.user
    # every client the user may log a visit for validates the choice; the page lists only a
    # shortlist (offline too) and finds the others by search-as-you-type (client_search)
    clients = queries.loggable_clients(user)
    analysts = User.objects.filter(role=Role.ANALYST, team_id=user.team_id, is_active=True)
    initial = {}
    if client_id := parse_id(request.GET.get("client")):
        chosen = _client(user, client_id)
        initial = {"client": chosen.pk, "purpose": rules.suggested_purpose(chosen.status)}
        if request.GET.get("purpose") in VisitPurpose.values:  # from a plan item: its purpose
            initial["purpose"] = request.GET["purpose"]
    elif new_name := request.GET.get("new_name", "").strip()[:50]:  # a planned prospect
        initial = {"new_name": new_name, "purpose": VisitPurpose.FIRST}
    include = [pk for pk in (parse_id(request.POST.get("client")), initial.get("client")) if pk]
    shortlist = queries.visit_shortlist(user, include=include)
    form = VisitForm(
        request.POST or None,
        clients=clients,
        shortlist=shortlist,
        analysts=analysts,
        initial=initial,
    )
    # the forms other apps add (fieldwork: 外勤签到, the position and photo of an onsite visit),
    # saved with the visit or not at all; one of them may answer another way (the offline queue)
    parts = [(part, part.form(request)) for part in extensions.visit_form_parts]
    responder = next(
        (p.respond for p, _form in parts if p.respond is not None and p.respond.wants(request)),
        None,
    )
    if (
        request.method == "POST"
        and all([form.is_valid(), *(f.is_valid() for _p, f in parts)])
        and (
            form.cleaned_data.get("client") is not None
            or _lookup_allowed(
                form, "new_phone", by=user, phone=form.cleaned_data.get("new_phone") or ""
            )
        )
    ):
        data = dict(form.cleaned_data)
        data.pop(SUBMISSION_KEY)
        client = data.pop("client")
        new = {k.removeprefix("new_"): data.pop(k) for k in NEW_CLIENT_FIELDS}

        def log():
            if client is None:
                visit = services.visit_log_new_client(by=user, **new, **data)
            else:
                visit = services.visit_log(client=client, by=user, **data)
            for part, bound in parts:
                part.save(visit=visit, by=user, form=bound)
            return visit

        response = run_create(
            request,
            log,
            success=lambda visit: _("已记录拜访：%(name)s。") % {"name": visit.client.name},
            form=form,
            # a client moved on while the form was open (no visit): its page shows where it stands
            then=lambda visit: (
                responder.saved(request, visit)
                if responder
                else redirect("visits:client_detail", pk=visit.client_id if visit else client.pk)
            ),
        )
        if response:
            return response
    if request.method == "POST" and responder:
        return responder.refused(request, form, *(f for _p, f in parts))
    # the purpose each client's state calls for, for the page to propose when a client is picked
    purposes = {str(c.pk): rules.suggested_purpose(c.status) for c in shortlist}
    purposes[""] = VisitPurpose.FIRST  # a new client is met for the 初访
    return render(
        request,
        "visits/visit_form.html",
        {
            "form": form,
            "purposes": purposes,
            # a new client's number that is taken: the way on (own client, or 申请转移)
            "number_taken": _number_taken(user, form),
            **{p.name: f for p, f in parts},
        },
    )


@role_required(Role.SALESPERSON, Role.MANAGER)
def client_search(request):
    """记录拜访's search-as-you-type: at most 20 clients the user may log a visit for, as JSON,
    numbers masked (visits.masking); the form validates the chosen id again on saving."""
    matches = queries.search_loggable(request.user, request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "id": c.pk,
                    "name": c.name,
                    "phone": mask_phone(c.phone),
                    "purpose": rules.suggested_purpose(c.status),
                }
                for c in matches
            ]
        }
    )


@role_required(*SALES_ROLES)
def visit_list(request):
    flt = VisitFilter(request.GET, queryset=queries.visits_for(request.user))
    table = VisitTable(flt.qs)
    if request.user.role == Role.SALESPERSON:
        table.exclude = ("salesperson",)
    paginate(request, table, per_page=30)
    return render(request, "visits/visit_list.html", {"filter": flt, "table": table})


@role_required(Role.ANALYST, Role.MANAGER)
def analyst_queue(request):
    return render(request, "visits/analyst_queue.html", queries.analyst_queue(request.user))


@role_required(
    Role.MANAGER, Role.LEADER
)  # the leader reads every team's (docs/design.md §The leader)
def pipeline(request):
    context = {
        "pipeline": queries.status_counts(request.user),
        "overdue": queries.overdue_clients(request.user)[:50],
        "closing": queries.clients_for(request.user)
        .filter(status=ClientStatus.CLOSING)
        .order_by("updated_at"),
    }
    return render(request, "visits/pipeline.html", context)
