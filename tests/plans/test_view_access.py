"""Every plans view by who asks: anonymous → login, wrong role → 403, out of scope → 404, right role
→ 200; every transition or action is POST-only (GET → 405)."""

import pytest
from django.urls import reverse

from plans import services
from tests.plans.factories import ManagerWeeklyPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(draft_plan, task, team):
    return {
        "plan": draft_plan.pk,
        "item": draft_plan.items.get().pk,
        "letter": task.letter.pk,
        "week": ManagerWeeklyPlanFactory(team=team).pk,
    }


@pytest.fixture
def people(salesperson, salesperson2, analyst, manager, office, other_manager, other_salesperson):
    return {
        "salesperson": salesperson,
        "salesperson2": salesperson2,
        "analyst": analyst,
        "manager": manager,
        "office": office,
        "other_manager": other_manager,
        "other_salesperson": other_salesperson,
    }


# view name, object kind, {who: expected status}; "salesperson" owns the objects
DETAIL_PAGES = [
    (
        "plans:plan_detail",
        "plan",
        {"salesperson": 200, "manager": 200, "analyst": 403, "office": 403},
        {"salesperson2": 404, "other_manager": 404},
    ),
    (
        "plans:item_edit",
        "item",
        {"salesperson": 200, "manager": 403, "analyst": 403, "office": 403},
        {"salesperson2": 404, "other_salesperson": 404},
    ),
    (
        "plans:letter_detail",
        "letter",
        {"salesperson": 200, "manager": 200, "analyst": 403, "office": 403},
        {"salesperson2": 404, "other_manager": 404},
    ),
    (
        "plans:letter_pdf",
        "letter",
        {"salesperson": 200, "manager": 200, "office": 200, "analyst": 403},
        {"salesperson2": 404, "other_manager": 404},
    ),
    (
        "plans:manager_week_detail",
        "week",
        {"manager": 200, "office": 200, "salesperson": 403, "analyst": 403},
        {"other_manager": 404},
    ),
]


@pytest.mark.parametrize(("name", "kind", "by_role", "out_of_scope"), DETAIL_PAGES)
def test_detail_pages_answer_by_role_and_scope(
    client, client_as, objects, people, name, kind, by_role, out_of_scope
):
    url = reverse(name, args=[objects[kind]])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for who, expected in {**by_role, **out_of_scope}.items():
        status = client_as(people[who]).get(url).status_code
        assert status == expected, (name, who, status)


POST_ONLY = [
    ("plans:plan_create", None),
    ("plans:item_add", "plan"),
    ("plans:plan_submit", "plan"),
    ("plans:plan_approve", "plan"),
    ("plans:plan_return", "plan"),
    ("plans:plan_reopen", "plan"),
    ("plans:item_archive", "item"),
    ("plans:item_key", "item"),
    ("plans:month_report", None),
    ("plans:month_announce", None),
    ("plans:task_assign", "salesperson"),
    ("plans:letter_write", "letter"),
    ("plans:letter_redo", "letter"),
    ("plans:letter_approve", "letter"),
    ("plans:letter_reject", "letter"),
]


def _url(name, kind, objects, people):
    if kind is None:
        return reverse(name)
    if kind == "salesperson":
        return reverse(name, args=[people["salesperson"].pk])
    return reverse(name, args=[objects[kind]])


@pytest.mark.parametrize(("name", "kind"), POST_ONLY)
def test_actions_are_post_only(client, client_as, objects, people, name, kind):
    url = _url(name, kind, objects, people)
    assert client_as(people["manager"]).get(url).status_code == 405
    assert client_as(people["salesperson"]).get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# who may never take the action, whatever the object's state: 403 and nothing changes
WRONG_ROLE = [
    ("plans:plan_create", None, "manager"),
    ("plans:item_add", "plan", "manager"),
    ("plans:plan_submit", "plan", "manager"),
    ("plans:plan_approve", "plan", "salesperson"),
    ("plans:plan_return", "plan", "salesperson"),
    ("plans:plan_reopen", "plan", "manager"),
    ("plans:item_archive", "item", "manager"),
    ("plans:item_key", "item", "office"),
    ("plans:month_report", None, "salesperson"),
    ("plans:month_announce", None, "salesperson"),
    ("plans:task_assign", "salesperson", "salesperson"),
    ("plans:letter_write", "letter", "manager"),
    ("plans:letter_redo", "letter", "manager"),
    ("plans:letter_approve", "letter", "salesperson"),
    ("plans:letter_reject", "letter", "salesperson"),
    ("plans:letter_approve", "letter", "office"),
    ("plans:plan_approve", "plan", "analyst"),
]


@pytest.mark.parametrize(("name", "kind", "who"), WRONG_ROLE)
def test_actions_refuse_the_wrong_role(client_as, objects, people, name, kind, who):
    url = _url(name, kind, objects, people)
    assert client_as(people[who]).post(url, {"reason": "x", "version": 1}).status_code == 403


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("plans:plan_approve", "plan"),
        ("plans:plan_return", "plan"),
        ("plans:item_key", "item"),
        ("plans:letter_approve", "letter"),
        ("plans:letter_reject", "letter"),
        ("plans:task_assign", "salesperson"),
    ],
)
def test_other_teams_manager_gets_404_on_actions(client_as, objects, people, name, kind):
    url = _url(name, kind, objects, people)
    assert client_as(people["other_manager"]).post(url, {"reason": "x"}).status_code == 404


def test_another_salesperson_gets_404_on_my_plan_actions(client_as, objects, people):
    c = client_as(people["salesperson2"])
    for name, kind in [
        ("plans:item_add", "plan"),
        ("plans:plan_submit", "plan"),
        ("plans:plan_reopen", "plan"),
        ("plans:item_archive", "item"),
        ("plans:letter_write", "letter"),
    ]:
        assert c.post(_url(name, kind, objects, people)).status_code == 404, name


def test_office_pages_are_read_only(client_as, office, draft_plan):
    c = client_as(office)
    assert c.get(reverse("plans:office")).status_code == 200
    assert c.get(reverse("plans:plan_list")).status_code == 403
    assert c.post(reverse("plans:month")).status_code == 403
    assert c.post(reverse("plans:manager_week")).status_code == 403


def test_stale_version_on_the_page_changes_nothing(client_as, submitted_plan, manager):
    services.plan_approve(plan=submitted_plan, by=manager)
    response = client_as(manager).post(
        reverse("plans:plan_return", args=[submitted_plan.pk]),
        {"reason": "重写", "version": submitted_plan.version},
        follow=True,
    )
    assert "已被他人修改" in response.content.decode()
    submitted_plan.refresh_from_db()
    assert submitted_plan.status == "approved"
