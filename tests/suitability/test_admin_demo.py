"""The questionnaire and catalogue are edited in the admin; records are read-only; the demo leaves
something to see and do for every role."""

import pytest
from django.urls import reverse

from accounts.models import User
from suitability import queries
from suitability.models import PlanSuitability, Product, Questionnaire, RiskAssessment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", role="", team=None, is_superuser=True, is_staff=True)


def test_default_questionnaire_is_shipped_and_editable(client_as, admin_user):
    questionnaire = Questionnaire.objects.get(is_active=True)
    assert questionnaire.questions.count() == 8
    assert all(q.choices.count() == 5 for q in questionnaire.questions.all())
    web = client_as(admin_user)
    url = reverse("admin:suitability_questionnaire_change", args=[questionnaire.pk])
    assert web.get(url).status_code == 200
    question = questionnaire.questions.first()
    assert (
        web.get(reverse("admin:suitability_question_change", args=[question.pk])).status_code == 200
    )
    questionnaire.c3_min = questionnaire.c2_min
    with pytest.raises(Exception, match="逐级升高"):
        questionnaire.full_clean()


def test_records_are_read_only_in_the_admin(client_as, admin_user):
    web = client_as(admin_user)
    assert web.get(reverse("admin:suitability_riskassessment_add")).status_code == 403
    assert web.get(reverse("admin:suitability_plansuitability_add")).status_code == 403
    assert web.get(reverse("admin:suitability_product_add")).status_code == 200


def test_a_product_needs_a_level(admin_user):
    with pytest.raises(Exception, match="风险等级|risk_level"):
        Product(code="X1", name="无等级产品", risk_level="").full_clean()


def test_demo_suitability(demo_department):
    levels = set(Product.objects.values_list("risk_level", flat=True))
    assert levels == {"R1", "R2", "R3", "R4", "R5"}
    pending = PlanSuitability.objects.get(verdict="pending")
    assert pending.client.status == "reported" and pending.client.salesperson.username == "wangfang"
    # every other demo plan matched the client's assessment
    others = PlanSuitability.objects.exclude(pk=pending.pk)
    assert others.exists() and set(others.values_list("verdict", flat=True)) == {"matched"}
    manager = User.objects.get(username="zhangym")
    assert queries.approval_queue(manager).count() == 1
    for username in ("wangfang", "zhoumin", "zhangym"):
        assert queries.expiring_assessments(User.objects.get(username=username)), username
    assert RiskAssessment.objects.count() > others.count()
