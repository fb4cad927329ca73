"""The monthly cycle: the sales plan and reward plan, tasks, commitment letters (written, reviewed,
printed) and the announcement."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from accounts.permissions import role_required
from accounts.scoping import get_visible_or_404, visible_users
from reports.services import download_record
from salesops import clock
from salesops.pdf import PdfTooSlow, html_to_pdf
from salesops.periods import Period
from salesops.views import pdf_unavailable, posted_version, redirect_to, run_service

from .. import queries, rules, services
from ..forms import LetterForm, ReasonForm, SalesPlanForm, TaskForm
from ..models import CommitmentLetter, MonthlySalesPlan, SalesTask
from .common import month_or_week, own_team


@role_required(Role.MANAGER)
def month(request):
    period = month_or_week(request, "month")
    team = own_team(request)
    overview = queries.month_overview(team.pk, period.start)
    plan = overview["sales_plan"]
    initial = (
        {"version": plan.version, "sales_plan": plan.sales_plan, "reward_plan": plan.reward_plan}
        if plan
        else {}
    )
    form = SalesPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        ok = run_service(
            request,
            lambda: services.sales_plan_save(
                team=team,
                month=period.start,
                by=request.user,
                sales_plan=d["sales_plan"],
                reward_plan=d["reward_plan"],
                expected_version=d["version"],
            ),
            success=_("本月销售方案和奖励方案已保存。"),
            form=form,
        )
        if ok:
            return redirect_to("plans:month", month=period.key)
    for row in overview["rows"]:
        task = row["task"]
        row["form"] = TaskForm(
            initial={
                "version": task.version,
                "target_visits": task.target_visits,
                "target_new_clients": task.target_new_clients,
                "target_accounts": task.target_accounts,
                "target_deposit_amount": task.target_deposit_amount,
            }
            if task
            else {},  # no pre-filled targets (docs/design.md §The manager's month)
            prefix=f"t{row['person'].pk}",
        )
    return render(
        request,
        "plans/month.html",
        {
            **overview,
            "form": form,
            "period": period,
            "task_refusal": queries.task_refusal(team.pk, period.start),
            "month_missing": queries.month_missing(team.pk, period.start),
            "strategy_meeting": queries.strategy_meeting(team.pk, period.start),
            "prev": period.previous(),
            "next": period.next(),
        },
    )


@require_POST
@role_required(Role.MANAGER)
def month_report(request):
    period = month_or_week(request, "month")
    plan = MonthlySalesPlan.objects.filter(team=own_team(request), month=period.start).first()
    if plan is None:
        messages.error(request, _("请先写好并保存本月销售方案和奖励方案，再上报办公室。"))
        return redirect_to("plans:month", month=period.key)
    run_service(
        request,
        lambda: services.sales_plan_report_to_office(plan=plan, by=request.user),
        success=_("已上报办公室。"),
    )
    return redirect_to("plans:month", month=period.key)


def assign_task_from_post(request, person: User, month) -> None:
    """任务分配 from a posted TaskForm (the month page and the strategy meeting share it): the
    service's verdict, or the form's errors, as a message."""
    form = TaskForm(request.POST, prefix=f"t{person.pk}")
    if not form.is_valid():
        errors = "；".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(
            request,
            _("%(name)s 的任务未保存：%(errors)s")
            % {"name": person.display_name, "errors": errors},
        )
        return
    data = dict(form.cleaned_data)
    version = data.pop("version")
    run_service(
        request,
        lambda: services.task_assign(
            manager=request.user, salesperson=person, month=month, expected_version=version, **data
        ),
        success=_("已为 %(name)s 分配本月任务。") % {"name": person.display_name},
    )


@require_POST
@role_required(Role.MANAGER)
def task_assign(request, user_id: int):
    period = month_or_week(request, "month")
    person = visible_users(request.user).filter(role=Role.SALESPERSON, pk=user_id).first()
    if person is None:
        raise Http404
    assign_task_from_post(request, person, period.start)
    return redirect_to("plans:month", month=period.key)


@require_POST
@role_required(Role.MANAGER)
def month_announce(request):
    period = month_or_week(request, "month")
    run_service(
        request,
        lambda: services.month_announce(
            team=own_team(request), month=period.start, by=request.user
        ),
        success=_("本月任务已宣布执行，目标从此固定。"),
    )
    return redirect_to("plans:month", month=period.key)


@role_required(Role.OFFICE, Role.MANAGER, Role.LEADER)
def sales_plan_detail(request, pk: int):
    """A team's month as the office and the leader read it (docs/design.md §The leader): the sales
    plan and reward plan, the steps done, every task and its letter. Read-only."""
    plan = get_visible_or_404(
        request.user, MonthlySalesPlan.objects.select_related("team", "author"), pk=pk
    )
    overview = queries.month_overview(plan.team_id, plan.month)
    return render(
        request,
        "plans/sales_plan_detail.html",
        {
            **overview,
            "plan": plan,
            "period": Period.month_of(plan.month),
            "strategy_meeting": queries.strategy_meeting(plan.team_id, plan.month),
            "month_missing": queries.month_missing(plan.team_id, plan.month)
            if not plan.announced_at
            else [],
        },
    )


@role_required(Role.SALESPERSON)
def my_month(request):
    period = month_or_week(request, "month")
    task = (
        SalesTask.objects.filter(salesperson=request.user, month=period.start)
        .select_related("letter")
        .first()
    )
    announced = (
        bool(task)
        and MonthlySalesPlan.objects.filter(
            team_id=task.team_id, month=period.start, announced_at__isnull=False
        ).exists()
    )
    letter = queries.letter_of(task)
    form = (
        LetterForm(
            initial={
                "version": letter.version,
                "text": letter.text or _default_letter(request.user, task),
            }
        )
        if letter
        else None
    )
    return render(
        request,
        "plans/my_month.html",
        {
            "task": task,
            "letter": letter,
            "form": form,
            "period": period,
            "announced": announced,
            "can_edit": bool(letter) and rules.can_edit_letter(request.user, letter, announced),
            "prev": period.previous(),
            "next": period.next(),
        },
    )


def _default_letter(user: User, task: SalesTask | None) -> str:
    if task is None:
        return ""
    return (
        f"本人{user.display_name}，承诺在{task.month.year}年{task.month.month}月完成以下销售任务："
        f"客户拜访 {task.target_visits} 次，新增客户 {task.target_new_clients} 名，开户 {task.target_accounts} 户，"
        f"入金 {task.target_deposit_amount:,.2f} 元。严格遵守公司制度，按计划拜访、如实记录、及时上报。"
    )


def _letter(request, pk: int) -> CommitmentLetter:
    return get_visible_or_404(
        request.user,
        CommitmentLetter.objects.select_related("task__salesperson", "task__team", "reviewed_by"),
        pk=pk,
    )


@role_required(Role.SALESPERSON, Role.MANAGER, Role.LEADER)
def letter_detail(request, pk: int, reason_form=None):
    letter = _letter(request, pk)
    return render(
        request,
        "plans/letter_detail.html",
        {
            "letter": letter,
            "task": letter.task,
            "can_review": rules.can_review_letter(request.user, letter),
            "reason_form": reason_form or ReasonForm(),
        },
    )


@require_POST
@role_required(Role.SALESPERSON)
def letter_write(request, pk: int):
    letter = _letter(request, pk)
    form = LetterForm(request.POST)
    submit = "submit" in request.POST
    if form.is_valid():
        d = form.cleaned_data

        def act():
            saved = services.letter_write(
                letter=letter, by=request.user, text=d["text"], expected_version=d["version"]
            )
            if submit:
                services.letter_submit(
                    letter=saved, by=request.user, expected_version=saved.version
                )

        run_service(
            request,
            act,
            success=_("承诺书已提交，等待经理审核。") if submit else _("承诺书已保存。"),
        )
    elif request.POST.get("text", "").strip() and "text" in form.errors:
        messages.error(request, form.errors["text"][0])  # too long: says the maximum
    else:
        messages.error(request, _("请填写承诺内容。"))
    return redirect_to("plans:my_month", month=Period.month_of(letter.task.month).key)


@require_POST
@role_required(Role.SALESPERSON)
def letter_redo(request, pk: int):
    letter = _letter(request, pk)
    run_service(
        request,
        lambda: services.letter_redo(
            letter=letter, by=request.user, expected_version=posted_version(request)
        ),
        success=_("承诺书已退回草稿，请修改后重新提交。"),
    )
    return redirect_to("plans:my_month", month=Period.month_of(letter.task.month).key)


def _review(request, pk: int, act, success: str):
    letter = _letter(request, pk)
    run_service(request, lambda: act(letter), success=success)
    return redirect("plans:review_queue")


@require_POST
@role_required(Role.MANAGER)
def letter_approve(request, pk: int):
    return _review(
        request,
        pk,
        lambda letter: services.letter_approve(
            letter=letter, by=request.user, expected_version=posted_version(request)
        ),
        _("承诺书已审核通过。"),
    )


@require_POST
@role_required(Role.MANAGER)
def letter_reject(request, pk: int):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        form.add_error(None, _("审核不通过时必须填写原因。"))
        response = letter_detail(request, pk, reason_form=form)
        response.status_code = 400
        return response
    return _review(
        request,
        pk,
        lambda letter: services.letter_reject(
            letter=letter,
            by=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        _("承诺书审核不通过，已退回重做。"),
    )


@role_required(Role.SALESPERSON, Role.MANAGER, Role.OFFICE, Role.LEADER)
def letter_pdf(request, pk: int):
    """The letter as a one-page A4 PDF, with the targets, the text, the names and the approval."""
    letter = _letter(request, pk)
    html = render_to_string(
        "plans/letter_pdf.html",
        {"letter": letter, "task": letter.task, "now": timezone.localtime(clock.now())},
    )
    try:
        pdf = html_to_pdf(html)
    except PdfTooSlow as exc:
        return pdf_unavailable(request, exc.message)
    download_record(
        by=request.user,
        what=_("承诺书 %(month)s %(name)s")
        % {"month": f"{letter.task.month:%Y-%m}", "name": letter.task.salesperson.display_name},
        kind="pdf",
        path=request.get_full_path(),
        team_id=letter.task.team_id,
        rows=1,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"commitment-{letter.task.month:%Y-%m}-{letter.task.salesperson.username}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
