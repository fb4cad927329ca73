"""Set-up helpers for suitability: products of a level, an assessment of a level (valid or not)."""

import datetime as dt

from django.utils import timezone

from suitability import rules
from suitability.demo import ensure_questionnaire
from suitability.models import Product, RiskAssessment


def product(level: str, name: str | None = None) -> Product:
    code = f"P-{level}-{Product.objects.count() + 1}"
    return Product.objects.create(code=code, name=name or f"{level}产品", risk_level=level)


def assess(client, level: str = "C3", by=None, valid_until: dt.date | None = None):
    """An assessment of ``level`` made now (valid for 12 months unless ``valid_until`` says)."""
    today = timezone.localdate()
    return RiskAssessment.objects.create(
        client=client,
        questionnaire=ensure_questionnaire(),
        answers=[],
        score=0,
        level=level,
        investor_class="ordinary",
        assessed_by=by or client.salesperson,
        assessed_at=timezone.now(),
        valid_until=valid_until or rules.valid_until(today),
    )
