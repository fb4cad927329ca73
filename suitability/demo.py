"""Demo suitability: the product catalogue (R1–R5), an assessment before every demo plan, a few
assessments about to expire or expired, and one plan waiting for the manager's approval."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User
from salesops.services import clock_at, demo_moment
from visits.models import Client, ClientStatus

from . import services
from .defaults import create_default
from .models import (
    Choice,
    PlanSuitability,
    Product,
    Question,
    Questionnaire,
    RiskAssessment,
    Verdict,
)

PRODUCTS = [
    ("HB001", "安盈货币基金", "R1", "货币市场工具，随存随取"),
    ("ZQ101", "稳利纯债基金", "R2", "投资国债、政策性金融债和高等级信用债"),
    ("GS201", "固收+ 增强一号", "R2", "债券为主，少量可转债与股票"),
    ("PH301", "平衡配置混合基金", "R3", "股债平衡配置"),
    ("ZS302", "沪深300指数基金", "R3", "跟踪沪深300指数"),
    ("CZ401", "精选成长股票基金", "R4", "集中投资成长行业股票"),
    ("SM501", "量化对冲私募一号", "R5", "私募产品，仅限合格投资者"),
    ("QH502", "商品期货 CTA 策略", "R5", "期货及衍生品，波动大"),
]


def ensure_questionnaire() -> Questionnaire:
    """The questionnaire in use; the default one where there is none (a flushed database)."""
    return Questionnaire.objects.filter(is_active=True).first() or create_default(
        Questionnaire, Question, Choice
    )


def ensure_products() -> None:
    for code, name, level, description in PRODUCTS:
        Product.objects.get_or_create(
            code=code, defaults={"name": name, "risk_level": level, "description": description}
        )


def _answers(points: int) -> dict[int, int]:
    """Every question answered with its choice worth ``points`` (the default questionnaire gives
    8 × points: C1 … C5 for 1 … 5)."""
    questionnaire = ensure_questionnaire()
    return {
        q.pk: q.choices.order_by("-score").filter(score__lte=points).first().pk
        for q in questionnaire.questions.all()
    }


def assess_on(client: Client, by: User, day: dt.date, level: int) -> RiskAssessment:
    """An assessment of at least C``level`` recorded on ``day`` (through the service)."""
    when = demo_moment(day, dt.time(10, 0))
    with clock_at(when):
        return services.assessment_record(
            client=client, by=by, answers=_answers(level), investor_class="ordinary"
        )


def products_of(level: str) -> list[Product]:
    ensure_products()
    return [Product.objects.filter(risk_level=level).order_by("code").first()]


def build(users: dict) -> None:
    ensure_questionnaire()
    ensure_products()
    if RiskAssessment.objects.filter(
        assessed_at__lt=timezone.now() - dt.timedelta(days=300)
    ).exists():
        return  # built before
    today = timezone.localdate()
    zhoumin = users["zhoumin"]
    # assessments about to expire (and one expired) for clients who have none yet
    waiting = list(
        Client.objects.filter(
            team=zhoumin.team,
            status__in=[ClientStatus.VISITED, ClientStatus.NEEDS_ANALYZED, ClientStatus.REPORTED],
            risk_assessments__isnull=True,
        ).order_by("salesperson__username", "pk")
    )
    ages = [350, 340, 358, 370, 345]  # days ago: expiring within 30 days, and one expired
    reported = [c for c in waiting if c.status == ClientStatus.REPORTED]
    pending_client = next((c for c in reported if c.salesperson.username == "wangfang"), None)
    # 王芳's clients first, so that her home page shows some too
    others = sorted(
        (c for c in waiting if c != pending_client),
        key=lambda c: (c.salesperson.username != "wangfang", c.pk),
    )
    for n, client in enumerate(others[: len(ages)]):
        assess_on(client, zhoumin, today - dt.timedelta(days=ages[n]), level=2 + n % 3)
    # one plan the client insisted on (R4 for a C2 client), waiting for 张永明's approval
    if pending_client and not PlanSuitability.objects.filter(verdict=Verdict.PENDING).exists():
        from visits import services as visits_services

        assess_on(pending_client, zhoumin, today - dt.timedelta(days=2), level=2)
        visits_services.client_prepare_plan(
            client=Client.objects.get(pk=pending_client.pk),
            by=zhoumin,
            content="客户希望配置成长类股票基金，分析师建议以稳健产品为主，客户坚持购买。",
            products=products_of("R4"),
            revisit_due=today + dt.timedelta(days=7),
            insistence="本人已阅读风险揭示书，了解该产品风险等级高于本人风险承受能力，坚持购买。",
            risk_warning_signed_on=today,
        )
