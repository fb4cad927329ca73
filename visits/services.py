"""Every state-changing action on clients and visits (docs/design.md §The client pipeline).

Each service checks the role rule (visits.rules), locks the client row, checks the optimistic-lock
version the user saw, runs the transition, saves, and writes its side records — all in one
transaction, with the toolkit in salesops.services. A refusal raises ServiceError (StaleVersion for a
stale form) with a message for the user and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from accounts.scoping import manages
from salesops import limits
from salesops.phones import phone_e164
from salesops.services import (
    ServiceError,
    StaleVersion,
    action_day,
    bump,
    data_changed,
    lock_and_check,
    moment_of,
    not_future,
    now,
    positive,
    refuse_duplicate,
    required_text,
    run_transition,
    today,
)

from . import extensions, rules
from .masking import mask_name, mask_phone
from .models import (
    AccountOpening,
    Client,
    ClientSource,
    ClosingAttempt,
    ClosingOutcome,
    Deposit,
    FailureAnalysis,
    InvestmentPlan,
    PhoneLookup,
    Visit,
    VisitPurpose,
)
from .models import ClientStatus as S

TRANSITION_LABELS = {
    "record_first_visit": _("记录初访"),
    "analyze_needs": _("记录投资需求"),
    "report_to_manager": _("上报营销部经理"),
    "prepare_plan": _("制定投资方案"),
    "record_revisit": _("记录回访"),
    "start_closing": _("开始促单"),
    "close_won": _("促单成功（开户）"),
    "close_lost": _("促单失败"),
    "record_deposit": _("记录入金"),
    "drop": _("放弃客户"),
    "reactivate": _("重新激活"),
    "set_revisit_due": _("设定二次回访期限"),
}


CLIENT_CHANGED = _("客户信息已被他人修改，页面已显示最新状态，请核对后重新操作。")


def _act(*, client: Client, by: User, action: str, expected_version: int | None) -> Client:
    """The rule (403 when the user may never take this action), then the locked, current row."""
    rules.check_action(by, client, action)
    return _lock_live(client, expected_version)


def _lock_live(client: Client, expected_version: int | None) -> Client:
    """The locked, current row of a client that is neither archived nor in the pool."""
    fresh = lock_and_check(client, expected_version, CLIENT_CHANGED)
    if fresh.archived_at:
        raise ServiceError(_("该客户已归档，不能再操作。"))
    if fresh.in_pool_since:
        raise ServiceError(_("该客户在团队公海中，请先分配或领取后再操作。"))
    return fresh


def _transition(client: Client, by: User, name: str, comment: str = "", **kwargs: Any) -> Client:
    try:
        return run_transition(
            client,
            name,
            by=by,
            description=comment or TRANSITION_LABELS[name],
            label=TRANSITION_LABELS[name],
            **kwargs,
        )
    except StaleVersion:
        raise StaleVersion(CLIENT_CHANGED) from None


# --- clients -------------------------------------------------------------------------------------


class PhoneTaken(ServiceError):
    """A number another live client has: ``holder`` is that client, for the page's link (the
    user's own client, or 申请转移 to its owner's manager: docs/design.md §Transfers)."""

    def __init__(self, message: str, *, holder: Client):
        super().__init__(message, field="phone")
        self.holder = holder


def phone_taken(
    key: str, *, exclude_pk: int | None = None, by: User | None = None
) -> ServiceError | None:
    """The refusal for a number another live client already has (docs/design.md §One number,
    one owner: across the firm), naming the owner masked (张*) — or, when the holder is ``by``'s
    own client, naming that client in full; None when the number is free."""
    if not key:
        return None
    holder = (
        Client.objects.live()
        .filter(phone_normalized=key)
        .exclude(pk=exclude_pk)
        .select_related("salesperson")
        .first()
    )
    if holder is None:
        return None
    if by is not None and holder.salesperson_id == by.pk:
        return PhoneTaken(
            gettext("该号码已是您的客户「%(client)s」的号码，不能重复登记；请直接打开该客户。")
            % {"client": holder.name},
            holder=holder,
        )
    return PhoneTaken(
        gettext(
            "该号码已是 %(owner)s 的客户，不能重复登记；如需接手，请点「申请转移」，由其营销部经理审批。"
        )
        % {"owner": mask_name(holder.salesperson.display_name)},
        holder=holder,
    )


def lookups_per_hour() -> int:
    return int(getattr(settings, "PHONE_LOOKUPS_PER_HOUR", 10))


def phone_lookup_guard(
    *, by: User, phone: str, exclude_pk: int | None = None, current: str = ""
) -> None:
    """Put an interactive duplicate-number check on record and cap it (docs/design.md §Duplicate
    look-ups: 10 an hour per user), so that nobody can find out who owns which number by typing
    candidates. The views call it before the action, in its own transaction: a refused action
    leaves its look-up on record. Only a number that is looked up counts — an empty, malformed or
    unchanged one (``current``: the client's number on an edit) is not."""
    key = phone_e164(phone)
    if not key or key == phone_e164(current):
        return
    with transaction.atomic():
        # one user's checks in turn (of=self: the default manager joins the team, not to lock)
        list(User.objects.select_for_update(of=("self",)).filter(pk=by.pk).values_list("pk"))
        moment = now()
        recent = PhoneLookup.objects.filter(user=by, at__gt=moment - dt.timedelta(hours=1))
        if recent.count() >= lookups_per_hour():
            raise ServiceError(
                gettext("号码查重过于频繁：每小时最多 %(n)s 次，请稍后再试。")
                % {"n": lookups_per_hour()},
                field="phone",
            )
        holder = (
            Client.objects.live()
            .filter(phone_normalized=key)
            .exclude(pk=exclude_pk)
            .values_list("pk", flat=True)
            .first()
        )
        PhoneLookup.objects.create(
            user=by,
            number=mask_phone(phone.strip()),
            found=holder is not None,
            holder_id=holder,
            at=moment,
        )


def _save_with_phone(client: Client, *, save: Any) -> Client:
    """Save a client whose number the service found free. Two registrations of one number at once
    both find it free; the database's unique constraint refuses the second, which gets the same
    refusal as if it had come later (never a 500). A savepoint keeps the caller's transaction."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError:
        refusal = phone_taken(client.phone_normalized, exclude_pk=client.pk)
        raise refusal or ServiceError(_("该号码已被登记。"), field="phone") from None
    return client


def similar_clients(team_id: int, name: str, *, exclude_pk: int | None = None) -> list[Client]:
    """Live clients of the team whose name is the same (case and spaces aside) or one name begins
    with the other (张三 / 张三丰): perhaps the same person registered twice."""
    name = "".join(name.split())
    if not name:
        return []
    similar = Q(name__iexact=name)
    if len(name) >= 2:
        similar |= Q(name__istartswith=name)
        similar |= Q(name__in=[name[:k] for k in range(2, len(name))])
    return list(
        Client.objects.live()
        .filter(similar, team_id=team_id)
        .exclude(pk=exclude_pk)
        .select_related("salesperson")
        .order_by("name", "pk")[:5]
    )


def _warn_similar(team_id: int, name: str, *, exclude_pk: int | None = None) -> None:
    found = similar_clients(team_id, name, exclude_pk=exclude_pk)
    if found:
        names = "、".join(f"{c.name}（{c.salesperson.display_name}）" for c in found)
        raise ServiceError(
            gettext(
                "本团队已有姓名相近的客户：%(names)s。请先确认不是同一人；"
                "确认后勾选「确认不是同一客户」再提交。"
            )
            % {"names": names},
            field="confirm_similar",
        )


@transaction.atomic
def client_register(
    *,
    by: User,
    name: str,
    phone: str = "",
    source: str = ClientSource.OTHER,
    remarks: str = "",
    salesperson: User | None = None,
    confirm_similar: bool = True,
) -> Client:
    """A new target client (prospect), owned by the salesperson who registers it.

    A number another live client has is refused, naming its owner masked. A name like one already
    in the team is a warning: refused until ``confirm_similar`` (the form's confirm step; callers
    without a page — demo, import — pass nothing and are not asked)."""
    owner = salesperson or by
    if owner.role != Role.SALESPERSON or not owner.team_id:
        raise ServiceError(_("客户必须归属于一名有团队的营销人员。"), field="salesperson")
    if by != owner and not manages(by, owner.team_id):
        raise ServiceError(_("只能为本团队的营销人员登记客户。"), field="salesperson")
    name = required_text(name, _("请填写客户姓名。"), "name")
    key = phone_e164(phone)
    if refusal := phone_taken(key, by=by):
        raise refusal
    if not confirm_similar:
        _warn_similar(owner.team_id, name)
    client = Client(
        name=name,
        phone=phone.strip(),
        phone_normalized=key,
        source=source,
        remarks=remarks,
        team_id=owner.team_id,
        salesperson=owner,
    )
    # credit the history to the actor also outside a request (admin actions, demo, scripts)
    client._history_user = by
    data_changed(owner.team_id)  # a new client counts in the work reports
    return _save_with_phone(client, save=client.save)


@transaction.atomic
def client_update_info(*, client: Client, by: User, expected_version: int, **fields: Any) -> Client:
    """Edit the basic information (report 7's columns); recorded in the client's history."""
    fresh = _act(client=client, by=by, action="edit_info", expected_version=expected_version)
    allowed = {
        "name",
        "phone",
        "source",
        "investment_experience",
        "investment_needs",
        "risk_preference",
        "intended_funds",
        "remarks",
        "analyst",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    positive(fields.get("intended_funds"), "intended_funds")
    analyst = fields.get("analyst")
    if analyst is not None and (analyst.role != Role.ANALYST or analyst.team_id != fresh.team_id):
        raise ServiceError(_("分析师必须属于客户所在团队。"), field="analyst")
    if "phone" in fields:
        fields["phone"] = (fields["phone"] or "").strip()
        number = phone_e164(fields["phone"])
        if number != phone_e164(fresh.phone):  # a new number must be free; an unchanged one
            if refusal := phone_taken(number, exclude_pk=fresh.pk, by=by):  # keeps its key (a
                raise refusal  # duplicate from before the rule keeps '': visits migration 0003)
            fresh.phone_normalized = number
    for key, value in fields.items():
        setattr(fresh, key, value)
    fresh._change_reason = "修改基本信息"  # type: ignore[attr-defined]
    return _save_with_phone(fresh, save=lambda: bump(fresh, by))


# --- visits --------------------------------------------------------------------------------------


@transaction.atomic
def visit_log(
    *,
    client: Client,
    by: User,
    date: dt.date,
    kind: str,
    purpose: str,
    time: dt.time | None = None,
    analyst: User | None = None,
    summary: str = "",
    client_feedback: str = "",
    next_step: str = "",
    expected_version: int | None = None,
    require_transition: str | None = None,
) -> Visit:
    """Log a visit; a first visit to a prospect and a revisit with the plan move the client on.

    A purpose that contradicts the client's state (a 初访 to a client already visited, a 方案回访
    without a plan) is refused: the visit would be mislogged and the client would not move.

    The visit also fulfils the salesperson's plan items and daily focus for that client and day.
    ``require_transition`` refuses the visit unless it moves the client by that transition — the
    check runs on the locked row, so a client changed meanwhile is refused rather than mislogged.
    """
    fresh = _act(client=client, by=by, action="log_visit", expected_version=expected_version)
    not_future(date)
    moves = _visit_transition(fresh.status, purpose)
    if require_transition and moves != require_transition:
        raise ServiceError(
            _("当前状态为「%(state)s」，不能%(action)s。")
            % {"state": fresh.get_status_display(), "action": TRANSITION_LABELS[require_transition]}
        )
    refusal = rules.purpose_contradiction(fresh.status, purpose)
    if refusal:
        raise ServiceError(refusal, field="purpose")
    if analyst is not None and (analyst.role != Role.ANALYST or analyst.team_id != fresh.team_id):
        raise ServiceError(_("陪同分析师必须属于客户所在团队。"), field="analyst")
    visit = Visit.objects.create(
        client=fresh,
        team_id=fresh.team_id,
        salesperson=fresh.salesperson,
        date=date,
        time=time,
        kind=kind,
        purpose=purpose,
        analyst=analyst,
        summary=summary,
        client_feedback=client_feedback,
        next_step=next_step,
    )
    if analyst is not None and fresh.analyst_id is None:
        fresh.analyst = analyst
    # the denormalised summary the lists read (Client.last_visit_on), saved with the client below
    fresh.visit_total += 1
    if fresh.last_visit_on is None or date > fresh.last_visit_on:
        fresh.last_visit_on = date
    if moves:
        _transition(fresh, by, moves, summary[:200], happened_on=date, happened_field="date")
    else:
        # any visit changes what others saw of the client (last visit, visit count)
        bump(fresh, by)
    extensions.visit_logged.send(visit=visit)  # plans: the day's plan items for the client done
    return visit


@transaction.atomic
def visit_log_new_client(
    *,
    by: User,
    name: str,
    phone: str = "",
    source: str = "",
    confirm_similar: bool = True,
    **visit: Any,
) -> Visit:
    """记录拜访 for someone met for the first time: register the prospect and log the first visit
    in one transaction, so a refused visit leaves no client behind."""
    if by.role != Role.SALESPERSON:
        raise ServiceError(_("经理记录拜访时请选择已有客户。"), field="client")
    try:
        client = client_register(
            by=by,
            name=name,
            phone=phone,
            source=source or ClientSource.OTHER,
            confirm_similar=confirm_similar,
        )
    except ServiceError as exc:  # the form's fields for the new client are new_name, new_phone …
        if exc.field in ("name", "phone", "confirm_similar"):
            exc.field = f"new_{exc.field}"
        raise
    return visit_log(client=client, by=by, **visit)


def visit_summary_refresh(client_ids: Iterable[int]) -> None:
    """Recount Client.last_visit_on and visit_total from the live visits of these clients: for a
    write other than visit_log (a visit archived in the admin, rows loaded in bulk)."""
    live = Visit.objects.live().filter(client_id=OuterRef("pk")).order_by().values("client_id")
    Client.objects.filter(pk__in=list(client_ids)).update(
        last_visit_on=Subquery(live.annotate(d=Max("date")).values("d")),
        visit_total=Coalesce(Subquery(live.annotate(n=Count("pk")).values("n")), 0),
    )


def _visit_transition(status: str, purpose: str) -> str | None:
    """Which transition, if any, a visit with this purpose makes from this state."""
    if status == S.PROSPECT:
        return "record_first_visit"  # whatever it was called, the first contact is the 初访
    if status == S.PLAN_READY and purpose == VisitPurpose.PLAN_REVISIT:
        return "record_revisit"
    if status == S.FAILED and purpose in (VisitPurpose.AFTER_FAILURE, VisitPurpose.PLAN_REVISIT):
        return "record_revisit"
    return None


@transaction.atomic
def client_record_first_visit(*, client: Client, by: User, **visit: Any) -> Visit:
    """prospect → visited, by logging the first visit (初访)."""
    return visit_log(
        client=client,
        by=by,
        purpose=VisitPurpose.FIRST,
        require_transition="record_first_visit",
        **visit,
    )


@transaction.atomic
def client_record_revisit(*, client: Client, by: User, **visit: Any) -> Visit:
    """plan_ready / failed → revisited, by logging the return visit with the plan (or 再次拜访)."""
    purpose = VisitPurpose.AFTER_FAILURE if client.status == S.FAILED else VisitPurpose.PLAN_REVISIT
    return visit_log(
        client=client, by=by, purpose=purpose, require_transition="record_revisit", **visit
    )


# --- the pipeline --------------------------------------------------------------------------------


@transaction.atomic
def client_analyze_needs(
    *,
    client: Client,
    by: User,
    investment_experience: str,
    investment_needs: str,
    risk_preference: str,
    intended_funds: Decimal | None,
    comment: str = "",
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> Client:
    fresh = _act(client=client, by=by, action="analyze_needs", expected_version=expected_version)
    day = action_day(on)
    if not investment_needs.strip():
        raise ServiceError(_("请填写客户的投资需求。"), field="investment_needs")
    positive(intended_funds, "intended_funds")
    if by.role == Role.ANALYST and fresh.analyst_id is None:
        fresh.analyst = by
    return _transition(
        fresh,
        by,
        "analyze_needs",
        comment,
        happened_on=day,
        investment_experience=investment_experience,
        investment_needs=investment_needs,
        risk_preference=risk_preference,
        intended_funds=intended_funds,
    )


@transaction.atomic
def client_report_to_manager(
    *,
    client: Client,
    by: User,
    comment: str = "",
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> Client:
    fresh = _act(
        client=client, by=by, action="report_to_manager", expected_version=expected_version
    )
    day = action_day(on)
    _transition(fresh, by, "report_to_manager", comment, on=day, happened_on=day)
    extensions.client_reported.send_on_commit(fresh)  # notifications: the manager, the analyst
    return fresh


@transaction.atomic
def client_prepare_plan(
    *,
    client: Client,
    by: User,
    content: str,
    revisit_due: dt.date,
    proposed_amount: Decimal | None = None,
    comment: str = "",
    on: dt.date | None = None,
    expected_version: int | None = None,
    **checked: Any,
) -> InvestmentPlan:
    """The analyst's investment plan; the client is to be revisited with it by ``revisit_due``.

    The plan passes every plan gate (visits.extensions.plan_gates), which reads ``checked``.
    suitability's (suitability/gate.py): the plan names catalogue ``products``; a product above
    the client's valid risk level is refused, unless the client's written ``insistence`` and the
    risk warning's signing date (``risk_warning_signed_on``) are given — then the plan is recorded,
    waits for the team's manager (suitability.services.plan_approve) and the client stays 已上报经理
    until approved."""
    fresh = _act(client=client, by=by, action="prepare_plan", expected_version=expected_version)
    gates = list(extensions.plan_gates)
    if checked and not gates:
        raise TypeError(f"no plan gate reads {sorted(checked)}")
    for gate in gates:  # suitability: no plan waiting for the manager, the client 已上报经理
        gate.may_prepare(client=fresh, by=by)
    day = action_day(on)
    if not content.strip():
        raise ServiceError(_("请填写投资方案内容。"), field="content")
    positive(proposed_amount, "proposed_amount")
    if revisit_due < day:
        raise ServiceError(_("二次回访期限不能早于今天。"), field="revisit_due")
    checks = [(gate, gate.check(client=fresh, day=day, **checked)) for gate in gates]
    analyst = by if by.role == Role.ANALYST else (fresh.analyst or by)
    plan = InvestmentPlan.objects.create(
        client=fresh,
        analyst=analyst,
        content=content,
        products="、".join(p.name for _gate, c in checks for p in c.products)[: limits.SHORT],
        proposed_amount=proposed_amount,
        risk_level=max((c.plan_level for _gate, c in checks), default=""),  # R1–R5
    )
    if day < today():  # recorded late: 制定时间 is the day it was made (report 7 reads it)
        plan.created_at = moment_of(day)
        InvestmentPlan.objects.filter(pk=plan.pk).update(created_at=plan.created_at)
    for gate, check in checks:
        gate.record(check=check, plan=plan, by=by, revisit_due=revisit_due)
    if fresh.analyst_id is None and analyst.role == Role.ANALYST:
        fresh.analyst = analyst
    if any(check.needs_approval for _gate, check in checks):
        bump(fresh, by)  # the plan waits for the manager; the client stays 已上报经理
    else:
        _transition(fresh, by, "prepare_plan", comment, happened_on=day, revisit_due=revisit_due)
        extensions.investment_plan_ready.send_on_commit(fresh)  # notifications: the salesperson
    return plan


@transaction.atomic
def client_plan_approved(
    *, client: Client, by: User, revisit_due: dt.date, comment: str = ""
) -> Client:
    """已上报经理 → 方案已制定 once the plan the client insisted on was approved (called by
    suitability.services.plan_approve, which checks the decider's right — the team's manager, or the
    leader for a manager's own plan: four eyes — and the plan). The step is logged as the decider's."""
    fresh = _lock_live(client, None)
    _transition(fresh, by, "prepare_plan", comment, revisit_due=max(revisit_due, today()))
    extensions.investment_plan_ready.send_on_commit(fresh)  # notifications: the salesperson
    return fresh


@transaction.atomic
def client_start_closing(
    *,
    client: Client,
    by: User,
    comment: str = "",
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> ClosingAttempt:
    """促单 starts (and is thereby reported to the manager): an open closing attempt."""
    fresh = _act(client=client, by=by, action="start_closing", expected_version=expected_version)
    day = action_day(on)
    _transition(fresh, by, "start_closing", comment, happened_on=day)
    return ClosingAttempt.objects.create(
        client=fresh, team_id=fresh.team_id, salesperson=fresh.salesperson, started_on=day
    )


def _open_attempt(client: Client, day: dt.date) -> ClosingAttempt:
    attempt = (
        ClosingAttempt.objects.select_for_update()
        .filter(client=client, outcome=ClosingOutcome.OPEN)
        .order_by("-pk")
        .first()
    )
    if attempt is None:  # a client put into closing before attempts were recorded
        attempt = ClosingAttempt.objects.create(
            client=client,
            team_id=client.team_id,
            salesperson=client.salesperson,
            started_on=day,
        )
    return attempt


@transaction.atomic
def client_close_won(
    *,
    client: Client,
    by: User,
    date: dt.date,
    account_number: str,
    comment: str = "",
    expected_version: int | None = None,
) -> AccountOpening:
    """促单成功: the client opens an account (办理开户手续)."""
    fresh = _act(client=client, by=by, action="close_won", expected_version=expected_version)
    not_future(date)
    account_number = account_number.strip()
    if not account_number:
        raise ServiceError(_("请填写资金账号。"), field="account_number")
    exists = _("该资金账号已存在（已登记过）。")
    if AccountOpening.objects.filter(account_number=account_number).exists():
        raise ServiceError(exists, field="account_number")
    _transition(fresh, by, "close_won", comment, happened_on=date, happened_field="date")
    attempt = _open_attempt(fresh, date)
    attempt.outcome, attempt.decided_on = ClosingOutcome.WON, date
    attempt.save(update_fields=["outcome", "decided_on"])
    with refuse_duplicate(exists, field="account_number"):
        return AccountOpening.objects.create(
            client=fresh, date=date, account_number=account_number, recorded_by=by
        )


@transaction.atomic
def client_close_lost(
    *,
    client: Client,
    by: User,
    reason: str,
    notes: str,
    revisit_due: dt.date | None = None,
    date: dt.date | None = None,
    expected_version: int | None = None,
) -> FailureAnalysis:
    """促单失败: the reasons are analysed (分析失败原因) and the client is to be visited again by
    ``revisit_due`` (required: a failed close always gets a deadline)."""
    fresh = _act(client=client, by=by, action="close_lost", expected_version=expected_version)
    if not reason:
        raise ServiceError(_("请选择失败原因。"), field="reason")
    if not notes.strip():
        raise ServiceError(_("请填写失败原因分析。"), field="notes")
    day = action_day(date, "date")
    # docs/design.md §Overdue: a failed close always gets a deadline to be visited again
    if revisit_due is None:
        raise ServiceError(_("请设定再次拜访期限。"), field="revisit_due")
    if revisit_due < day:
        raise ServiceError(_("再次拜访期限不能早于促单失败的日期。"), field="revisit_due")
    _transition(
        fresh,
        by,
        "close_lost",
        notes[:200],
        happened_on=day,
        happened_field="date",
        revisit_due=revisit_due,
    )
    attempt = _open_attempt(fresh, day)
    attempt.outcome, attempt.decided_on = ClosingOutcome.LOST, day
    attempt.save(update_fields=["outcome", "decided_on"])
    return FailureAnalysis.objects.create(
        client=fresh, attempt=attempt, reason=reason, notes=notes, recorded_by=by
    )


@transaction.atomic
def client_record_deposit(
    *,
    client: Client,
    by: User,
    date: dt.date,
    amount: Decimal,
    note: str = "",
    expected_version: int | None = None,
) -> Deposit:
    """入金: the first deposit makes the client funded; later ones keep it funded."""
    fresh = _act(client=client, by=by, action="record_deposit", expected_version=expected_version)
    not_future(date)
    if amount is None or amount <= 0:
        raise ServiceError(_("入金金额必须大于零。"), field="amount")
    opened = AccountOpening.objects.filter(client=fresh).values_list("date", flat=True).first()
    if opened and date < opened:
        raise ServiceError(_("入金日期不能早于开户日期。"), field="date")
    _transition(fresh, by, "record_deposit", note, happened_on=date, happened_field="date")
    return Deposit.objects.create(client=fresh, date=date, amount=amount, note=note, recorded_by=by)


@transaction.atomic
def client_drop(
    *,
    client: Client,
    by: User,
    reason: str,
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> Client:
    fresh = _act(client=client, by=by, action="drop", expected_version=expected_version)
    day = action_day(on)
    if not reason.strip():
        raise ServiceError(_("请填写放弃原因。"), field="reason")
    return _transition(fresh, by, "drop", reason, happened_on=day)


@transaction.atomic
def client_reactivate(
    *,
    client: Client,
    by: User,
    comment: str = "",
    on: dt.date | None = None,
    expected_version: int | None = None,
) -> Client:
    fresh = _act(client=client, by=by, action="reactivate", expected_version=expected_version)
    day = action_day(on)
    return _transition(fresh, by, "reactivate", comment, happened_on=day)


@transaction.atomic
def client_set_revisit_due(
    *,
    client: Client,
    by: User,
    revisit_due: dt.date,
    comment: str = "",
    expected_version: int | None = None,
) -> Client:
    """限期二次回访: the manager sets or changes the deadline by which a 方案已制定 or 促单失败 client
    is to be visited again. Logged in the client's history with the old and the new date."""
    fresh = _act(client=client, by=by, action="set_revisit_due", expected_version=expected_version)
    if fresh.status not in (S.PLAN_READY, S.FAILED):
        raise ServiceError(
            _("当前状态为「%(state)s」，不能%(action)s。")
            % {
                "state": fresh.get_status_display(),
                "action": TRANSITION_LABELS["set_revisit_due"],
            }
        )
    if revisit_due is None:
        raise ServiceError(_("请填写二次回访期限。"), field="revisit_due")
    if revisit_due < today():
        raise ServiceError(_("二次回访期限不能早于今天。"), field="revisit_due")
    if revisit_due == fresh.revisit_due:
        raise ServiceError(_("期限与原来相同，未作修改。"), field="revisit_due")
    old = fresh.revisit_due.isoformat() if fresh.revisit_due else "—"
    fresh.revisit_due = revisit_due
    reason = f"限期二次回访：{old} → {revisit_due.isoformat()}"
    fresh._change_reason = f"{reason}（{comment.strip()}）" if comment.strip() else reason  # type: ignore[attr-defined]
    bump(fresh, by)
    # notifications: the salesperson is told the new deadline (bell and home), after commit
    extensions.revisit_due_changed.send_on_commit(fresh, old=old)
    return fresh
