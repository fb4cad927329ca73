"""Thin views of the reward/penalty proposals: scope (another team's is a 404), role (403), call one
service or query, message, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm_log.models import StateLog

from accounts.models import Role, User
from accounts.permissions import role_required
from accounts.scoping import get_visible_or_404, visible_team_ids, visible_teams
from plans.views.common import month_or_week
from reports.services import download_record
from salesops import clock
from salesops.pdf import PdfTooSlow, html_to_pdf
from salesops.periods import Period
from salesops.views import parse_id, pdf_unavailable, posted_version, run_create, run_service

from . import queries, rules, services
from .forms import ProposalForm, RejectForm
from .models import Proposal, ProposalStatus


def _proposal(request, pk: int) -> Proposal:
    return get_visible_or_404(request.user, queries.proposals_for(request.user), pk=pk)


def _team_people(user: User):
    """The active salespeople of the teams this manager manages: whom they may propose for."""
    return User.objects.filter(
        role=Role.SALESPERSON, team_id__in=visible_team_ids(user) or [], is_active=True
    ).order_by("team__name", "full_name", "username")


def _team_filter(request) -> int | None:
    return parse_id(request.GET.get("team"))


@role_required(Role.MANAGER, Role.LEADER)
def proposal_list(request):
    month = month_or_week(request, "month")
    team_id = _team_filter(request)
    context = {
        "month": month,
        "proposals": queries.month_proposals(request.user, month, team_id),
        "teams": visible_teams(request.user),
        "team_id": team_id,
        "people": _team_people(request.user) if request.user.role == Role.MANAGER else None,
    }
    return render(request, "proposals/list.html", context)


@role_required(Role.MANAGER)
def proposal_create(request):
    month = month_or_week(request, "month")
    people = _team_people(request.user)
    initial = {}
    asked = parse_id(request.GET.get("person"))
    chosen = people.filter(pk=asked).first() if asked else None
    if chosen:
        initial = {"person": chosen, "basis": queries.basis_for(chosen, month, request.user)}
    form = ProposalForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        response = run_create(
            request,
            lambda: services.proposal_create(
                team=d["person"].team,
                person=d["person"],
                month=month.start,
                kind=d["kind"],
                reason=d["reason"],
                basis=d["basis"],
                amount=d["amount"],
                unit=d["unit"],
                by=request.user,
            ),
            success=_("奖惩建议已保存为草稿，确认后请提交领导审批。"),
            form=form,
            then=lambda proposal: redirect("proposals:detail", pk=proposal.pk),
        )
        if response:
            return response
    return render(request, "proposals/form.html", {"form": form, "month": month, "proposal": None})


@role_required(Role.MANAGER)
def proposal_edit(request, pk: int):
    proposal = _proposal(request, pk)
    if not rules.may_edit(request.user, proposal):
        raise PermissionDenied
    if proposal.status != ProposalStatus.DRAFT:
        messages.warning(request, _("只有草稿状态的奖惩建议可以修改。"))
        return redirect("proposals:detail", pk=pk)
    people = _team_people(request.user).filter(team_id=proposal.team_id)
    initial = {
        "version": proposal.version,
        "person": proposal.person,
        "kind": proposal.kind,
        "reason": proposal.reason,
        "basis": proposal.basis,
        "amount": proposal.amount,
        "unit": proposal.unit,
    }
    form = ProposalForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(
            request,
            lambda: services.proposal_update(
                proposal=proposal,
                by=request.user,
                expected_version=d["version"],
                person=d["person"],
                kind=d["kind"],
                reason=d["reason"],
                basis=d["basis"],
                amount=d["amount"],
                unit=d["unit"],
            ),
            success=_("奖惩建议已保存。"),
            form=form,
        ):
            return redirect("proposals:detail", pk=pk)
    month = Period.month_of(proposal.month)
    return render(
        request, "proposals/form.html", {"form": form, "month": month, "proposal": proposal}
    )


@role_required(Role.MANAGER, Role.LEADER)
def proposal_detail(request, pk: int, reject_form=None):
    proposal = _proposal(request, pk)
    user = request.user
    context = {
        "proposal": proposal,
        "month": Period.month_of(proposal.month),
        "can_edit": rules.can_edit(user, proposal),
        "can_submit": rules.can_submit(user, proposal),
        "can_revise": rules.can_revise(user, proposal),
        "can_decide": rules.can_decide(user, proposal),
        "reject_form": reject_form or RejectForm(initial={"version": proposal.version}),
        "log": StateLog.objects.for_(proposal).select_related("by").order_by("-timestamp"),
        # the team's reward plan of the month the proposal rests on (the leader reads it too)
        "sales_plan": queries.month_sales_plan(proposal.team_id, proposal.month),
    }
    return render(request, "proposals/detail.html", context)


def _act(request, pk: int, act, success: str, then: str = "detail"):
    proposal = _proposal(request, pk)
    run_service(request, lambda: act(proposal), success=success)
    if then == "queue":
        return redirect("proposals:queue")
    return redirect("proposals:detail", pk=pk)


@require_POST
@role_required(Role.MANAGER)
def proposal_submit(request, pk: int):
    return _act(
        request,
        pk,
        lambda p: services.proposal_submit(
            proposal=p, by=request.user, expected_version=posted_version(request)
        ),
        _("奖惩建议已提交领导审批。"),
    )


@require_POST
@role_required(Role.MANAGER)
def proposal_revise(request, pk: int):
    return _act(
        request,
        pk,
        lambda p: services.proposal_revise(
            proposal=p, by=request.user, expected_version=posted_version(request)
        ),
        _("奖惩建议已退回草稿，请修改后重新提交。"),
    )


@require_POST
@role_required(Role.LEADER)
def proposal_approve(request, pk: int):
    return _act(
        request,
        pk,
        lambda p: services.proposal_approve(
            proposal=p, by=request.user, expected_version=posted_version(request)
        ),
        _("奖惩建议已批准。"),
        then="queue",
    )


@require_POST
@role_required(Role.LEADER)
def proposal_reject(request, pk: int):
    proposal = _proposal(request, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        if run_service(
            request,
            lambda: services.proposal_reject(
                proposal=proposal,
                by=request.user,
                reason=d["reason"],
                expected_version=d["version"],
            ),
            success=_("奖惩建议已驳回，经理可修改后重新提交。"),
            form=form,
        ):
            return redirect("proposals:queue")
    response = proposal_detail(request, pk, reject_form=form)
    response.status_code = 400
    return response


@role_required(Role.LEADER)
def leader_queue(request):
    return render(
        request, "proposals/queue.html", {"proposals": queries.waiting_for_leader(request.user)}
    )


@role_required(Role.MANAGER, Role.LEADER)
def month_pdf(request, period: str):
    """The month's proposals in the user's scope (one team with ?team=) as one A4 PDF."""
    try:
        month = Period.parse(period)
    except ValueError:
        raise Http404 from None
    if month.kind != "month":
        raise Http404
    team_id = _team_filter(request)
    proposals = list(queries.month_proposals(request.user, month, team_id))
    html = render_to_string(
        "proposals/month_pdf.html",
        {"month": month, "proposals": proposals, "now": timezone.localtime(clock.now())},
    )
    try:
        pdf = html_to_pdf(html)
    except PdfTooSlow as exc:
        return pdf_unavailable(request, exc.message)
    download_record(
        by=request.user,
        what=_("奖惩建议 %(month)s") % {"month": month.key},
        kind="pdf",
        path=request.get_full_path(),
        team_id=team_id or (request.user.team_id if request.user.role == Role.MANAGER else None),
        rows=len(proposals),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="proposals-{month.key}.pdf"'
    return response
