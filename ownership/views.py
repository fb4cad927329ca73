"""Thin views: scope the object (404 outside it), check the rule (403), call one service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from accounts.permissions import SALES_ROLES, role_required
from accounts.scoping import get_visible_or_404
from salesops.views import paginate, run_create, run_service
from visits.masking import mask_name, mask_phone
from visits.models import Client

from . import queries, rules, services
from .forms import AskForm, DecisionForm, TransferRequestForm
from .models import ClientTransfer
from .tables import TransferTable


def _client(request, pk: int) -> Client:
    return get_visible_or_404(
        request.user, Client.objects.select_related("salesperson", "team"), pk=pk
    )


@require_POST
@role_required(*SALES_ROLES)
def phone_reveal(request, pk: int):
    """显示号码: one click, on record; the client page then shows the number for a few minutes."""
    client = _client(request, pk)
    if not rules.may_reveal(request.user, client):
        raise PermissionDenied
    if run_service(
        request,
        lambda: services.phone_reveal(client=client, by=request.user),
        success=_("已显示完整号码（本次查看已记录）。"),
    ):
        queries.remember_reveal(request, client)
    return redirect("visits:client_detail", pk=pk)


@role_required(Role.SALESPERSON, Role.MANAGER)
def transfer_new(request, pk: int):
    client = _client(request, pk)
    if not rules.may_request_transfer(request.user, client):
        raise PermissionDenied
    targets = User.objects.filter(
        role=Role.SALESPERSON, team_id=client.team_id, is_active=True
    ).exclude(pk=client.salesperson_id)
    form = TransferRequestForm(
        request.POST or None,
        targets=targets.order_by("full_name"),
        initial={"version": client.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = run_create(
            request,
            lambda: services.transfer_request(
                client=client,
                by=request.user,
                to=data["to"],
                reason=data["reason"],
                expected_version=data["version"],
            ),
            success=_("转移申请已提交，等待营销部经理审批。"),
            form=form,
            then=lambda _transfer: redirect("visits:client_detail", pk=pk),
        )
        if response:
            return response
    status = 400 if request.method == "POST" else 200
    return render(
        request, "ownership/transfer_form.html", {"form": form, "client": client}, status=status
    )


@role_required(Role.SALESPERSON)
def transfer_ask(request, token: str):
    """申请转移 from the duplicate-number refusal: the client shown masked, a reason, one POST."""
    client = queries.asked_client(request.user, token)
    if client is None:
        raise Http404
    if client.salesperson_id == request.user.pk:
        return redirect("visits:client_detail", pk=client.pk)
    if not rules.may_ask_for(request.user, client):
        raise Http404
    form = AskForm(request.POST or None)
    asked = request.method == "POST" and form.is_valid()
    if asked and run_service(
        request,
        lambda: services.transfer_ask(
            client=client, by=request.user, reason=form.cleaned_data["reason"]
        ),
        success=_("转移申请已提交，等待该客户所属团队的营销部经理审批。"),
        form=form,
    ):
        return redirect("ownership:transfer_list")
    masked = {
        "name": mask_name(client.name),
        "phone": mask_phone(client.phone),
        "owner": mask_name(client.salesperson.display_name),
    }
    status = 400 if request.method == "POST" else 200
    return render(
        request, "ownership/transfer_ask.html", {"form": form, "masked": masked}, status=status
    )


@role_required(Role.SALESPERSON, Role.MANAGER, Role.LEADER)
def transfer_list(request):
    """The decider's queue (a manager: their teams' requests; the leader: those a manager asked),
    every request of the user's teams, and the requests the user asked."""
    user = request.user
    pending = list(queries.pending_for_manager(user)[:100])
    table = TransferTable(queries.transfers_for(user).order_by("-requested_at", "-pk"), user=user)
    paginate(request, table, per_page=25)
    return render(
        request,
        "ownership/transfer_list.html",
        {"pending": pending, "table": table, "decision_form": DecisionForm()},
    )


def _note(request) -> str | None:
    """The decision note, or None (with the form's message) when it is not acceptable."""
    form = DecisionForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["note"]
    for errors in form.errors.values():
        messages.error(request, errors[0])
    return None


def _transfer(request, pk: int) -> ClientTransfer:
    return get_object_or_404(queries.transfers_for(request.user), pk=pk)


@require_POST
@role_required(Role.MANAGER, Role.LEADER)
def transfer_approve(request, pk: int):
    transfer = _transfer(request, pk)
    if not rules.may_decide(request.user, transfer):
        raise PermissionDenied
    note = _note(request)
    if note is None:
        return redirect("ownership:transfer_list")
    run_service(
        request,
        lambda: services.transfer_approve(transfer=transfer, by=request.user, note=note),
        success=_("已批准：%(client)s 转给 %(to)s。")
        % {"client": transfer.client.name, "to": transfer.to_salesperson.display_name},
    )
    return redirect("ownership:transfer_list")


@require_POST
@role_required(Role.MANAGER, Role.LEADER)
def transfer_reject(request, pk: int):
    transfer = _transfer(request, pk)
    if not rules.may_decide(request.user, transfer):
        raise PermissionDenied
    note = _note(request)
    if note is None:
        return redirect("ownership:transfer_list")
    run_service(
        request,
        lambda: services.transfer_reject(transfer=transfer, by=request.user, note=note),
        success=_("已驳回转移申请。"),
    )
    return redirect("ownership:transfer_list")
