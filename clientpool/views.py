"""Thin views of the team's pool (公海): the list with claim / assign, and the manager's log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from salesops.views import paginate, redirect_to, run_service
from visits.masking import mask_phone

from . import queries, rules, services
from .forms import AssignForm, ClaimForm
from .tables import PoolLogTable

READERS = (Role.SALESPERSON, Role.MANAGER)
PAGE = 200


def _page(request, *, claim_form=None, assign_form=None, status=200):
    user = request.user
    teams = list(queries.pool_teams(user))
    if not teams:
        raise PermissionDenied
    claimer = rules.is_claimer(user)
    pool = queries.pool_clients(user)
    rows = list(pool[:PAGE])
    for client in rows:
        # numbers are shown masked on every list (visits/masking.py); the client page reveals one
        client.shown_phone = mask_phone(client.phone)
    context = {
        "teams": teams,
        "clients": rows,
        "total": pool.count(),
        "page_size": PAGE,
        "claimer": claimer,
        "idle_days": rules.idle_days(),
    }
    if claimer:
        context["held"] = queries.held_claims(user)
        context["limit"] = rules.claim_limit()
        context["form"] = claim_form or ClaimForm()
    else:
        context["form"] = assign_form or AssignForm(people=queries.team_salespeople(user))
    return render(request, "clientpool/pool.html", context, status=status)


def _out_of_scope(form: ClaimForm) -> bool:
    """A client id outside the user's pool teams (another team's, or none at all): a 404."""
    return any(e.code == "invalid_choice" for e in form.errors.as_data().get("clients", []))


@role_required(*READERS)
def pool_list(request):
    return _page(request)


@require_POST
@role_required(Role.SALESPERSON)
def pool_claim(request):
    user = request.user
    form = ClaimForm(request.POST, pool=queries.team_clients(user))
    if _out_of_scope(form):
        raise Http404
    if form.is_valid():
        clients = list(form.cleaned_data["clients"])
        if run_service(
            request,
            lambda: services.pool_claim(by=user, clients=clients),
            success=_("已领取 %(n)s 位客户，请尽快拜访。") % {"n": len(clients)},
            form=form,
        ):
            return redirect_to("clientpool:pool")
    return _page(request, claim_form=form, status=400)


@require_POST
@role_required(Role.MANAGER)
def pool_assign(request):
    user = request.user
    form = AssignForm(
        request.POST, pool=queries.team_clients(user), people=queries.team_salespeople(user)
    )
    if _out_of_scope(form):
        raise Http404
    if form.is_valid():
        clients = list(form.cleaned_data["clients"])
        person = form.cleaned_data["salesperson"]
        if run_service(
            request,
            lambda: services.pool_assign(by=user, clients=clients, salesperson=person),
            success=_("已将 %(n)s 位客户分配给 %(name)s。")
            % {"n": len(clients), "name": person.display_name},
            form=form,
        ):
            return redirect_to("clientpool:pool")
    return _page(request, assign_form=form, status=400)


@role_required(Role.MANAGER)
def pool_log(request):
    if not queries.pool_teams(request.user).exists():
        raise PermissionDenied
    table = PoolLogTable(queries.pool_log(request.user))
    paginate(request, table, per_page=50)
    return render(request, "clientpool/log.html", {"table": table})
