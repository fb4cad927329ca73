"""The problem log's pages and the manager's inbox: anonymous / wrong role / out of scope / right
role; an allowed POST redirects and changes the database, a refused one changes nothing."""

import datetime as dt

import pytest
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django_fsm_log.models import StateLog

from problems.models import Problem, ReportAcknowledgement
from tests.visits.factories import ClientFactory
from visits.models import AccountOpening

from .conftest import fresh

pytestmark = pytest.mark.django_db


def test_list_anonymous_wrong_role_and_scope(
    client, client_as, problem, other_problem, manager, office, leader
):
    url = reverse("problems:problem_list")
    assert client.get(url).url == redirect_to_login(url).url
    assert client_as(office).get(url).status_code == 403
    page = client_as(manager).get(url).content.decode()
    assert problem.title in page and other_problem.title not in page
    page = client_as(leader).get(url).content.decode()
    assert problem.title in page and other_problem.title in page


def test_leader_filters_overdue_problems_of_a_team(
    client_as, leader, problem, other_problem, today
):
    Problem.objects.filter(pk=other_problem.pk).update(due_date=today - dt.timedelta(days=1))
    page = client_as(leader).get(reverse("problems:problem_list") + "?overdue=on").content.decode()
    assert other_problem.title in page and problem.title not in page


def test_raise_a_problem_from_the_form(client_as, analyst, salesperson, today):
    url = reverse("problems:problem_new")
    c = client_as(analyst)
    assert c.get(url).status_code == 200
    response = c.post(
        url,
        {
            "title": "系统无法导出",
            "category": "system",
            "severity": "high",
            "description": "导出按钮无响应",
            "handler": salesperson.pk,
            "due_date": (today + dt.timedelta(days=2)).isoformat(),
        },
    )
    p = Problem.objects.get()
    assert response.url == reverse("problems:problem_detail", args=[p.pk])
    assert (p.title, p.raised_by, p.handler, p.status) == (
        "系统无法导出",
        analyst,
        salesperson,
        "open",
    )


def test_a_handler_outside_the_team_is_refused_on_the_form(
    client_as, salesperson, other_salesperson, today
):
    response = client_as(salesperson).post(
        reverse("problems:problem_new"),
        {
            "title": "问题",
            "category": "other",
            "severity": "low",
            "handler": other_salesperson.pk,
            "due_date": today.isoformat(),
        },
    )
    assert response.status_code == 400
    assert not Problem.objects.exists()


def test_a_past_due_date_is_refused_on_the_form(client_as, salesperson, today):
    response = client_as(salesperson).post(
        reverse("problems:problem_new"),
        {
            "title": "问题",
            "category": "other",
            "severity": "low",
            "handler": salesperson.pk,
            "due_date": (today - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "处理期限不能早于今天" in response.content.decode()
    assert not Problem.objects.exists()


@pytest.mark.parametrize("who", ["office", "leader"])
def test_office_and_leader_have_no_raise_form(client_as, office, leader, who):
    user = {"office": office, "leader": leader}[who]
    assert client_as(user).get(reverse("problems:problem_new")).status_code == 403


def test_detail_scope_and_timeline(
    client_as, answered, salesperson, salesperson2, other_manager, leader, manager
):
    url = reverse("problems:problem_detail", args=[answered.pk])
    assert client_as(salesperson2).get(url).status_code == 404
    assert client_as(other_manager).get(url).status_code == 404
    page = client_as(leader).get(url).content.decode()
    assert (
        "已协调，按新口径答复" in page
        and reverse("problems:problem_answer", args=[answered.pk]) not in page
    )
    page = client_as(salesperson).get(url).content.decode()
    assert "请领导协调" in page and "已上报领导" in page and "领导已答复" in page
    assert reverse("problems:problem_resolve", args=[answered.pk]) in page
    assert reverse("problems:problem_escalate", args=[answered.pk]) not in page


def test_handler_starts_handling(client_as, problem, salesperson):
    url = reverse("problems:problem_handle", args=[problem.pk])
    response = client_as(salesperson).post(
        url, {"handle-version": problem.version, "handle-note": "已联系客户"}
    )
    assert response.url == reverse("problems:problem_detail", args=[problem.pk])
    assert fresh(problem).status == "handling"
    assert StateLog.objects.get().description == "已联系客户"


@pytest.mark.parametrize(
    ("who", "status"),
    [("salesperson2", 404), ("other_manager", 404), ("analyst", 403), ("leader", 403)],
)
def test_handle_refused(
    client_as, problem, salesperson2, other_manager, analyst, leader, who, status
):
    user = {"salesperson2": salesperson2, "other_manager": other_manager, "analyst": analyst}.get(
        who, leader
    )
    url = reverse("problems:problem_handle", args=[problem.pk])
    assert client_as(user).post(url, {"handle-version": problem.version}).status_code == status
    assert fresh(problem).status == "open"


def test_manager_escalates_once(client_as, problem, manager):
    url = reverse("problems:problem_escalate", args=[problem.pk])
    c = client_as(manager)
    response = c.post(url, {"escalate-version": problem.version, "escalate-reason": "请领导定夺"})
    assert response.url == reverse("problems:problem_detail", args=[problem.pk])
    p = fresh(problem)
    assert (p.status, p.escalation_reason) == ("escalated", "请领导定夺")
    response = c.post(url, {"escalate-version": p.version, "escalate-reason": "再报"})
    assert response.status_code == 400
    assert "不能重复上报" in response.content.decode()
    assert fresh(problem).version == p.version


def test_escalation_without_a_reason_changes_nothing(client_as, problem, manager):
    url = reverse("problems:problem_escalate", args=[problem.pk])
    response = client_as(manager).post(url, {"escalate-version": problem.version})
    assert response.status_code == 400
    assert fresh(problem).status == "open"


@pytest.mark.parametrize(("who", "status"), [("salesperson", 403), ("other_manager", 404)])
def test_escalation_refused(client_as, problem, salesperson, other_manager, who, status):
    user = {"salesperson": salesperson, "other_manager": other_manager}[who]
    url = reverse("problems:problem_escalate", args=[problem.pk])
    data = {"escalate-version": problem.version, "escalate-reason": "r"}
    assert client_as(user).post(url, data).status_code == status
    assert fresh(problem).status == "open"


def test_leader_answers(client_as, escalated, leader):
    url = reverse("problems:problem_answer", args=[escalated.pk])
    response = client_as(leader).post(
        url, {"answer-version": escalated.version, "answer-answer": "同意，按此办理"}
    )
    assert response.url == reverse("problems:problem_detail", args=[escalated.pk])
    p = fresh(escalated)
    assert (p.status, p.answer, p.answered_by) == ("answered", "同意，按此办理", leader)


def test_an_empty_answer_and_a_manager_answer_change_nothing(client_as, escalated, leader, manager):
    url = reverse("problems:problem_answer", args=[escalated.pk])
    assert client_as(leader).post(url, {"answer-version": escalated.version}).status_code == 400
    data = {"answer-version": escalated.version, "answer-answer": "自己答复"}
    assert client_as(manager).post(url, data).status_code == 403
    assert fresh(escalated).status == "escalated"


def test_resolve_after_the_answer(client_as, answered, salesperson):
    url = reverse("problems:problem_resolve", args=[answered.pk])
    c = client_as(salesperson)
    assert c.post(url, {"resolve-version": answered.version}).status_code == 400
    assert fresh(answered).status == "answered"
    response = c.post(url, {"resolve-version": answered.version, "resolve-resolution": "已完成"})
    assert response.url == reverse("problems:problem_detail", args=[answered.pk])
    assert fresh(answered).status == "resolved"


# --- the manager's inbox ----------------------------------------------------------------------


@pytest.fixture
def reported(salesperson, today):
    return ClientFactory(
        salesperson=salesperson, status="reported", reported_on=today, name="上报客户"
    )


def test_inbox_access_and_content(client, client_as, reported, salesperson, leader, manager, today):
    url = reverse("problems:inbox")
    assert client.get(url).url == redirect_to_login(url).url
    assert client_as(salesperson).get(url).status_code == 403
    assert client_as(leader).get(url).status_code == 403
    opened = ClientFactory(salesperson=salesperson, status="account_opened", name="待入金客户")
    AccountOpening.objects.create(
        client=opened,
        date=today - dt.timedelta(days=4),
        account_number="A1",
        recorded_by=salesperson,
    )
    page = client_as(manager).get(url).content.decode()
    assert "上报客户" in page and "待入金客户" in page and "已 4 天" in page


def test_manager_acknowledges_and_the_client_page_shows_it(client_as, reported, manager):
    c = client_as(manager)
    response = c.post(
        reverse("problems:acknowledge", args=[reported.pk]), {"comment": "请分析师出方案"}
    )
    assert response.url == reverse("problems:inbox")
    assert ReportAcknowledgement.objects.get().comment == "请分析师出方案"
    page = c.get(reverse("visits:client_detail", args=[reported.pk])).content.decode()
    assert "经理签收" in page and "请分析师出方案" in page
    assert "已签收" in c.get(reverse("problems:inbox")).content.decode()


def test_acknowledge_refusals_change_nothing(
    client_as, reported, manager, other_manager, salesperson
):
    url = reverse("problems:acknowledge", args=[reported.pk])
    assert client_as(manager).post(url, {"comment": ""}).status_code == 400
    assert client_as(other_manager).post(url, {"comment": "x"}).status_code == 404
    assert client_as(salesperson).post(url, {"comment": "x"}).status_code == 403
    assert not ReportAcknowledgement.objects.exists()


# --- home pages -------------------------------------------------------------------------------


def test_home_pages_show_the_problems(client_as, escalated, manager, leader, salesperson, analyst):
    Problem.objects.filter(pk=escalated.pk).update(due_date=dt.date(2020, 1, 1))
    page = client_as(manager).get("/").content.decode()
    assert 'id="home-problems"' in page and escalated.title in page
    page = client_as(leader).get("/").content.decode()
    assert 'id="home-escalations"' in page and escalated.title in page
    page = client_as(salesperson).get("/").content.decode()
    assert 'id="home-my-problems"' in page and escalated.title in page
    page = client_as(analyst).get("/").content.decode()
    assert 'id="home-my-problems"' in page and escalated.title not in page
