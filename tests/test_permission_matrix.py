"""Every URL the resolver knows × every role × own / other team's object.

The URL list comes from the resolver, so a new view without a row here fails
``test_every_url_is_in_the_matrix``. Expected answers: "ok" (GET → 200; POST → 200/302/400, i.e. the
action was considered), 403 (the role may not), 404 (the object is outside the user's scope).
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from plans import services as plan_services
from plans.models import VisitPlan
from reports.models import Submission
from salesops.periods import Period
from tests.test_urls_anonymous import ALL, PUBLIC
from tests.visits.factories import ClientFactory

ROLES = ["salesperson", "salesperson2", "analyst", "manager", "office", "other_manager"]
SALES = {
    "salesperson": "ok",
    "salesperson2": "ok",
    "analyst": 403,
    "manager": "ok",
    "office": 403,
    "other_manager": "ok",
}
MANAGER_ONLY = {r: ("ok" if r in ("manager", "other_manager") else 403) for r in ROLES}
SP_ONLY = {r: ("ok" if r.startswith("salesperson") else 403) for r in ROLES}
REPORTING = {
    "salesperson": "ok",
    "salesperson2": "ok",
    "analyst": 403,
    "manager": "ok",
    "office": "ok",
    "other_manager": "ok",
}
ALL_SALES_ROLES = {
    "salesperson": "ok",
    "salesperson2": "ok",
    "analyst": "ok",
    "manager": "ok",
    "office": 403,
    "other_manager": "ok",
}


def owned(base, salesperson2=404, other_manager=404):
    """An object owned by `salesperson` in `team`: other people of the right role are out of scope."""
    answer = dict(base)
    if answer.get("salesperson2") == "ok":
        answer["salesperson2"] = salesperson2
    if answer.get("other_manager") == "ok":
        answer["other_manager"] = other_manager
    return answer


# name -> (method, object, expected per role)
MATRIX = {
    "home": ("get", None, {r: "ok" for r in ROLES}),
    "accounts:logout": ("post", None, {r: "ok" for r in ROLES}),
    "accounts:password_change": ("get", None, {r: "ok" for r in ROLES}),
    "visits:visit_list": ("get", None, ALL_SALES_ROLES),
    "visits:client_list": ("get", None, ALL_SALES_ROLES),
    "visits:client_register": ("get", None, {**SALES, "salesperson2": "ok"}),
    "visits:visit_log": ("get", None, {**SALES}),
    "visits:pipeline": ("get", None, MANAGER_ONLY),
    "visits:analyst_queue": ("get", None, {**MANAGER_ONLY, "analyst": "ok"}),
    "visits:client_detail": ("get", "client", owned({**ALL_SALES_ROLES})),
    "visits:client_edit": ("get", "client", owned({**ALL_SALES_ROLES, "analyst": 403})),
    "visits:client_action": ("post", "client_action", owned({**SALES})),
    "plans:plan_list": ("get", None, SALES),
    "plans:plan_create": ("post", None, SP_ONLY),
    "plans:plan_detail": ("get", "plan", owned(SALES)),
    "plans:item_add": ("post", "plan", owned(SP_ONLY)),
    "plans:plan_submit": ("post", "plan", owned(SP_ONLY)),
    "plans:plan_approve": ("post", "plan", owned(MANAGER_ONLY)),
    "plans:plan_return": ("post", "plan", owned(MANAGER_ONLY)),
    "plans:item_archive": ("post", "item", owned(SP_ONLY)),
    # the owner may flag key visits only while drafting; the plan here is submitted
    "plans:item_key": ("post", "item", owned({**SALES, "salesperson": 403})),
    "plans:item_edit": ("get", "item", owned({**SP_ONLY, "salesperson": 403})),
    "plans:plan_reopen": ("post", "plan", owned(SP_ONLY)),
    "plans:letter_redo": ("post", "letter", owned(SP_ONLY)),
    "plans:manager_week_detail": ("get", "manager_week", owned({**MANAGER_ONLY, "office": "ok"})),
    "plans:review_queue": ("get", None, MANAGER_ONLY),
    "plans:worklog": ("get", None, SP_ONLY),
    "plans:focus": ("get", None, MANAGER_ONLY),
    "plans:month": ("get", None, MANAGER_ONLY),
    "plans:month_report": ("post", None, MANAGER_ONLY),
    "plans:month_announce": ("post", None, MANAGER_ONLY),
    "plans:task_assign": ("post", "user", owned(MANAGER_ONLY)),
    "plans:my_month": ("get", None, SP_ONLY),
    "plans:letter_detail": ("get", "letter", owned(SALES)),
    "plans:letter_write": ("post", "letter", owned(SP_ONLY)),
    "plans:letter_approve": ("post", "letter", owned(MANAGER_ONLY)),
    "plans:letter_reject": ("post", "letter", owned(MANAGER_ONLY)),
    "plans:letter_pdf": ("get", "letter", owned({**SALES, "office": "ok"})),
    "plans:manager_week": ("get", None, MANAGER_ONLY),
    "plans:office": ("get", None, {**MANAGER_ONLY, "office": "ok"}),
    "reports:index": ("get", None, REPORTING),
    "reports:report_latest": ("get", "code", REPORTING),
    "reports:report": ("get", "report", REPORTING),
    "reports:submit": ("post", "report", MANAGER_ONLY),
    "reports:pack": ("get", "period", REPORTING),
    "reports:submit_week": ("post", "period", MANAGER_ONLY),
    "reports:board": ("get", None, {**MANAGER_ONLY, "office": "ok"}),
    "reports:download": ("get", "download", owned({**MANAGER_ONLY, "office": "ok"})),
    "reports:acknowledge": (
        "post",
        "submission",
        owned({r: 403 for r in ROLES} | {"office": "ok"}),
    ),
}


def test_every_url_is_in_the_matrix():
    names = {
        name
        for name, route in ALL
        if name not in PUBLIC and not route.startswith(("static/", "^media"))
    }
    assert names - set(MATRIX) == set(), "add the new URL to the permission matrix"


@pytest.fixture
def world(team, manager, salesperson, salesperson2, analyst, office, other_manager, today_local):
    client = ClientFactory(salesperson=salesperson, status="revisited")
    monday = today_local - dt.timedelta(days=today_local.weekday()) + dt.timedelta(days=7)
    plan = plan_services.plan_create(owner=salesperson, horizon="week", period_start=monday)
    item = plan_services.plan_item_add(
        plan=plan, by=salesperson, date=monday, client=client, purpose="closing"
    )
    plan_services.plan_submit(plan=VisitPlan.objects.get(pk=plan.pk), by=salesperson)
    task = plan_services.task_assign(
        manager=manager,
        salesperson=salesperson,
        month=today_local,
        target_visits=1,
        target_new_clients=1,
        target_accounts=1,
        target_deposit_amount=1,
    )
    letter = plan_services.letter_write(letter=task.letter, by=salesperson, text="承诺")
    plan_services.letter_submit(letter=letter, by=salesperson)
    week = Period.last_complete("week", today_local)
    weekly = plan_services.manager_weekly_plan_save(
        team=team, week_start=week.start, by=manager, own_items="自己的安排", report=True
    )
    # a stored submission without rendering its files: the matrix checks access, not the renderers
    submission = Submission(
        team=team,
        code="weekly-work",
        period_key=week.key,
        submitted_by=manager,
        submitted_at=timezone.now(),
        due_at=timezone.now(),
    )
    submission.xlsx.save("m.xlsx", ContentFile(b"x"), save=False)
    submission.pdf.save("m.pdf", ContentFile(b"x"), save=False)
    submission.save()
    people = {
        "salesperson": salesperson,
        "salesperson2": salesperson2,
        "analyst": analyst,
        "manager": manager,
        "office": office,
        "other_manager": other_manager,
    }
    kwargs = {
        None: {},
        "client": {"pk": client.pk},
        "client_action": {"pk": client.pk, "action": "start_closing"},
        "plan": {"pk": plan.pk},
        "item": {"pk": item.pk},
        "letter": {"pk": letter.pk},
        "user": {"user_id": salesperson.pk},
        "code": {"code": "weekly-work"},
        "report": {"code": "weekly-work", "period": week.key},
        "period": {"period": week.key},
        "download": {"pk": submission.pk, "kind": "xlsx"},
        "submission": {"pk": submission.pk},
        "manager_week": {"pk": weekly.pk},
    }
    return people, kwargs


@pytest.fixture
def today_local():

    return timezone.localdate()


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_permission_matrix(client_as, world, name, role):
    from django.urls import reverse

    people, kwargs = world
    method, obj, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs[obj])
    response = getattr(client_as(people[role]), method)(url)
    want = expected[role]
    if want == "ok":
        allowed = {200} if method == "get" else {200, 302, 400}
        if name in ("reports:report_latest",):
            allowed = {302}
        assert response.status_code in allowed, (
            f"{role} {method.upper()} {url}: {response.status_code}"
        )
    else:
        assert response.status_code == want, (
            f"{role} {method.upper()} {url}: {response.status_code}, expected {want}"
        )
