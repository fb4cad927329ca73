"""The suitability check of an investment plan, called by visits.services.client_prepare_plan.

``check_may_prepare`` refuses (ServiceError, nothing changed) a plan the user may not make now, by
the rule the 制定投资方案 button follows (rules.can_prepare_plan): another plan waits for the
manager's decision, or the client is not 已上报经理.

``check_plan`` refuses a plan without catalogue products, with a product not on sale or without a
level, a plan for a client without a valid assessment, and a product above the client's level —
unless the client's written insistence and the date the risk warning (风险揭示书) was signed are
given: then the plan is recorded as waiting for the manager's approval (``record``) and the client
stays 已上报经理 until the manager approves (suitability.services.plan_approve).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.models import User
from salesops.services import ServiceError, now
from visits.models import Client, InvestmentPlan, RiskLevel

from . import queries, rules
from .models import PlanSuitability, Product, RiskAssessment, Verdict


@dataclass(frozen=True)
class Check:
    assessment: RiskAssessment
    products: list[Product]
    plan_level: str
    mismatched: list[Product]
    insistence: str
    risk_warning_signed_on: dt.date | None

    @property
    def needs_approval(self) -> bool:
        return bool(self.mismatched)


def current_assessment(client: Client) -> RiskAssessment | None:
    return RiskAssessment.objects.filter(client=client).order_by("-assessed_at", "-pk").first()


def check_may_prepare(*, client: Client, by: User) -> None:
    """The refusal behind a 制定投资方案 button the page does not show (rules.can_prepare_plan)."""
    waiting = queries.plan_waiting(client)
    if rules.can_prepare_plan(by, client, plan_waiting=waiting):
        return
    if waiting:
        raise ServiceError(_("该客户已有一份方案在等待经理的适当性审批，请等待审批结果。"))
    # not 已上报经理: a plan recorded for the manager could never be approved (plan_approve)
    raise ServiceError(
        _("当前状态为「%(state)s」，不能%(action)s。")
        % {"state": client.get_status_display(), "action": _("制定投资方案")}
    )


def check_plan(
    *,
    client: Client,
    products: Iterable[Product] | None,
    day: dt.date,
    insistence: str = "",
    risk_warning_signed_on: dt.date | None = None,
) -> Check:
    chosen = list(products or [])
    if not chosen:
        raise ServiceError(_("请从产品目录中选择方案包含的产品。"), field="products")
    fresh = list(Product.objects.filter(pk__in=[p.pk for p in chosen]).order_by("risk_level"))
    for product in fresh:
        if not product.is_active:
            raise ServiceError(
                _("产品「%(name)s」已停售，不能纳入方案。") % {"name": product.name},
                field="products",
            )
        if product.risk_level not in RiskLevel.values:
            raise ServiceError(
                _("产品「%(name)s」没有风险等级，不能纳入方案。") % {"name": product.name},
                field="products",
            )
    if len(fresh) != len({p.pk for p in chosen}):
        raise ServiceError(_("所选产品不存在，请重新选择。"), field="products")
    assessment = current_assessment(client)
    if assessment is None:
        raise ServiceError(
            _("该客户尚未做风险承受能力评估，不能制定投资方案。请先完成评估。"), field="products"
        )
    if not rules.is_valid(assessment.valid_until, day):
        raise ServiceError(
            _("该客户的风险承受能力评估已于 %(day)s 过期，不能制定投资方案。请先重新评估。")
            % {"day": assessment.valid_until.isoformat()},
            field="products",
        )
    mismatched = [p for p in fresh if not rules.may_hold(assessment.level, p.risk_level)]
    insistence = (insistence or "").strip()
    if mismatched and not (insistence and risk_warning_signed_on):
        raise ServiceError(
            _(
                "产品%(products)s的风险等级高于客户的风险承受能力等级（%(level)s），不能纳入方案。"
                "如客户坚持购买，须记录客户的书面坚持意见和风险揭示书的签署日期，并由营销部经理审批。"
            )
            % {
                "products": "、".join(f"「{p.name}（{p.risk_level}）」" for p in mismatched),
                "level": assessment.get_level_display(),
            },
            field="products",
        )
    if mismatched and risk_warning_signed_on and risk_warning_signed_on > day:
        raise ServiceError(_("风险揭示书签署日期不能晚于今天。"), field="risk_warning_signed_on")
    plan_level = max((p.risk_level for p in fresh), key=rules.level_number)
    return Check(
        assessment=assessment,
        products=fresh,
        plan_level=plan_level,
        mismatched=mismatched,
        insistence=insistence if mismatched else "",
        risk_warning_signed_on=risk_warning_signed_on if mismatched else None,
    )


def record(
    *, check: Check, plan: InvestmentPlan, by: User, revisit_due: dt.date | None
) -> PlanSuitability:
    """The plan's products and its verdict: matched, or waiting for the manager."""
    suitability = PlanSuitability.objects.create(
        plan=plan,
        client=plan.client,
        assessment=check.assessment,
        client_level=check.assessment.level,
        plan_level=check.plan_level,
        verdict=Verdict.PENDING if check.needs_approval else Verdict.MATCHED,
        insistence=check.insistence,
        risk_warning_signed_on=check.risk_warning_signed_on,
        revisit_due=revisit_due if check.needs_approval else None,
        recorded_by=by,
        recorded_at=now(),
    )
    suitability.products.set(check.products)
    return suitability
