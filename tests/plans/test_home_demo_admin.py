"""Home-page context, the demo builder and the admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import demo as accounts_demo
from plans import demo as plans_demo
from plans import queries, services
from plans.models import CommitmentLetter, DailyFocus, VisitPlan, WorkLog
from tests.factories import UserFactory
from tests.plans.factories import VisitPlanFactory, VisitPlanItemFactory

pytestmark = pytest.mark.django_db


def test_salesperson_home_context_has_week_plan_log_and_task(draft_plan, task, salesperson, today):
    services.worklog_write(salesperson=salesperson, date=today, content="拜访")
    ctx = queries.home_context(salesperson)
    assert ctx["next_week_plan"] == draft_plan
    assert ctx["day"]["log"] is not None
    assert ctx["task"] == task and ctx["task"].letter.status == "draft"


def test_manager_home_context_counts_the_queue(submitted_plan, manager):
    ctx = queries.home_context(manager)
    assert [p.pk for p in ctx["queue"]["plans"]] == [submitted_plan.pk]
    assert ctx["focus_missed"] == 0
    assert "month" in ctx


def test_home_pages_render_the_plans_partials(client_as, salesperson, manager, submitted_plan):
    assert "下周方案" in client_as(salesperson).get(reverse("home")).content.decode()
    assert "待审方案" in client_as(manager).get(reverse("home")).content.decode()


def test_review_queue_queries_stay_the_same_for_3_and_30_plans(client_as, manager, team):
    counts = []
    for n in (3, 27):  # 3, then 30 waiting
        for _ in range(n):
            sp = UserFactory(team=team, role="salesperson")
            plan = VisitPlanFactory(owner=sp, status="submitted")
            VisitPlanItemFactory(plan=plan)
        c = client_as(manager)
        with CaptureQueriesContext(connection) as ctx:
            response = c.get(reverse("plans:review_queue"))
        assert response.status_code == 200
        counts.append(len(ctx))
    assert len(response.context["plans"]) == 30
    assert counts[0] == counts[1], counts


def test_demo_builds_without_clients_and_is_idempotent():
    users = accounts_demo.build()
    plans_demo.build(users)
    counts = (
        VisitPlan.objects.count(),
        WorkLog.objects.count(),
        CommitmentLetter.objects.count(),
        DailyFocus.objects.count(),
    )
    # letters: two months for eight salespeople, and next month for 营销一部's six
    assert counts[0] > 60 and counts[1] > 100 and counts[2] == 16 + 6
    statuses = set(VisitPlan.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "approved", "returned"}
    letters = set(CommitmentLetter.objects.values_list("status", flat=True))
    assert letters == {"draft", "submitted", "approved", "rejected"}
    # with no clients yet, items name prospective clients
    assert not VisitPlan.objects.filter(items__client__isnull=False).exists()
    plans_demo.build(users)
    assert counts == (
        VisitPlan.objects.count(),
        WorkLog.objects.count(),
        CommitmentLetter.objects.count(),
        DailyFocus.objects.count(),
    )


def test_admin_shows_plans_with_read_only_states(client, draft_plan, task):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True, role="", team=None)
    client.force_login(admin)
    for name, pk in [
        ("admin:plans_visitplan_change", draft_plan.pk),
        ("admin:plans_commitmentletter_change", task.letter.pk),
        ("admin:plans_visitplan_changelist", None),
    ]:
        url = reverse(name, args=[pk] if pk else [])
        assert client.get(url).status_code == 200, name
    page = client.get(reverse("admin:plans_visitplan_change", args=[draft_plan.pk]))
    assert 'name="status"' not in page.content.decode()
