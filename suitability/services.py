"""Every state-changing suitability action (docs/design.md §Suitability).

Each service asks suitability.rules whether the user may act (403 when not), checks the input (a
ServiceError with a message for the user) and writes in one transaction; a refusal changes nothing.
The plan's own check runs inside visits.services.client_prepare_plan (suitability.gate).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from salesops.services import (
    ServiceError,
    StaleVersion,
    data_changed,
    lock_and_check,
    now,
    require,
    today,
)
from visits import services as visits_services
from visits.models import Client, ClientStatus

from . import rules
from .models import (
    Choice,
    InvestorClass,
    PlanSuitability,
    Questionnaire,
    RiskAssessment,
    Verdict,
)

DECISION_CHANGED = _("该方案的审批状态已被他人更新，页面已显示最新状态。")


def active_questionnaire() -> Questionnaire:
    questionnaire = Questionnaire.objects.filter(is_active=True).first()
    if questionnaire is None:
        raise ServiceError(_("系统中没有启用的风险评估问卷，请联系管理员在后台启用一份问卷。"))
    return questionnaire


@transaction.atomic
def assessment_record(
    *,
    client: Client,
    by: User,
    answers: Mapping[int, int | None],
    investor_class: str,
) -> RiskAssessment:
    """风险承受能力评估: every question of the active questionnaire answered (question id → choice
    id); the score gives the level by the questionnaire's thresholds; valid for 12 months."""
    require(rules.may_assess(by, client))
    fresh = Client.objects.select_for_update().get(pk=client.pk)
    if fresh.archived_at or fresh.status == ClientStatus.DROPPED:
        raise ServiceError(_("该客户已放弃或已归档，不能评估。"))
    if investor_class not in InvestorClass.values:
        raise ServiceError(_("请选择投资者类别。"), field="investor_class")
    questionnaire = active_questionnaire()
    questions = list(questionnaire.questions.order_by("order", "pk"))
    if not questions:
        raise ServiceError(_("问卷没有题目，请联系管理员。"))
    choices = {c.pk: c for c in Choice.objects.filter(question__questionnaire=questionnaire)}
    missing = []
    sheet = []
    total = 0
    for n, question in enumerate(questions, start=1):
        choice = choices.get(answers.get(question.pk) or 0)
        if choice is None or choice.question_id != question.pk:
            missing.append(str(n))
            continue
        total += choice.score
        sheet.append({"question": question.text, "answer": choice.text, "score": choice.score})
    if missing:
        raise ServiceError(
            _("第 %(numbers)s 题未作答，请答完全部题目后再提交。")
            % {"numbers": str(_("、")).join(missing)}
        )
    thresholds = (
        questionnaire.c2_min,
        questionnaire.c3_min,
        questionnaire.c4_min,
        questionnaire.c5_min,
    )
    at = now()
    data_changed(fresh.team_id)  # the target-client report shows the newest assessment
    return RiskAssessment.objects.create(
        client=fresh,
        questionnaire=questionnaire,
        answers=sheet,
        score=total,
        level=rules.score_level(total, thresholds),
        investor_class=investor_class,
        previous_preference=fresh.get_risk_preference_display() if fresh.risk_preference else "",
        assessed_by=by,
        assessed_at=at,
        valid_until=rules.valid_until(today()),
    )


def _pending(suitability: PlanSuitability, by: User, expected_version: int | None):
    require(rules.may_decide(by, suitability))
    fresh = lock_and_check(suitability, expected_version, DECISION_CHANGED)
    if fresh.verdict != Verdict.PENDING:
        raise StaleVersion(DECISION_CHANGED)
    return fresh


@transaction.atomic
def plan_approve(
    *,
    suitability: PlanSuitability,
    by: User,
    comment: str = "",
    expected_version: int | None = None,
) -> PlanSuitability:
    """经理审批同意: the plan the client insisted on is approved; the client moves on to 方案已制定
    with the plan's 限期二次回访 (today at the earliest)."""
    fresh = _pending(suitability, by, expected_version)
    if not rules.is_valid(fresh.assessment.valid_until, today()):
        raise ServiceError(
            _("客户的风险承受能力评估已过期，不能批准该方案；请重新评估后重新制定方案。")
        )
    client = fresh.client
    if client.status != ClientStatus.REPORTED:
        raise ServiceError(
            _("客户当前状态为「%(state)s」，不能批准该方案。")
            % {"state": client.get_status_display()}
        )
    fresh.verdict = Verdict.APPROVED
    fresh.decided_by, fresh.decided_at = by, now()
    fresh.decision_comment = (comment or "").strip()
    fresh.version += 1
    fresh.save()
    note = _("适当性审批通过（客户坚持购买）")
    visits_services.client_plan_approved(
        client=client,
        by=by,
        revisit_due=fresh.revisit_due or today(),
        comment=f"{note}：{fresh.decision_comment}" if fresh.decision_comment else str(note),
    )
    return fresh


@transaction.atomic
def plan_reject(
    *,
    suitability: PlanSuitability,
    by: User,
    comment: str,
    expected_version: int | None = None,
) -> PlanSuitability:
    """经理不同意: the plan is not presented; the client stays 已上报经理 for a new plan."""
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError(_("请填写不同意的理由。"), field="comment")
    fresh = _pending(suitability, by, expected_version)
    fresh.verdict = Verdict.REJECTED
    fresh.decided_by, fresh.decided_at = by, now()
    fresh.decision_comment = comment
    fresh.version += 1
    fresh.save()
    return fresh
