"""Every transition of the problem log and every refusal (nothing changed), the overdue rule by a
hand count, the manager's acknowledgement and the chase list."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django_fsm_log.models import StateLog

from accounts.models import Role
from problems import queries, services
from problems.models import Problem, ReportAcknowledgement
from salesops.services import ServiceError, StaleVersion
from tests.factories import UserFactory
from tests.visits.factories import ClientFactory
from visits.models import AccountOpening
from visits.queries import client_timeline

from .conftest import fresh
from .factories import ProblemFactory

pytestmark = pytest.mark.django_db


def _snapshot(problem):
    p = fresh(problem)
    return (p.status, p.version, p.escalated_at, p.answer, p.resolution, StateLog.objects.count())


# --- raising ------------------------------------------------------------------------------------


def test_anyone_in_the_team_raises_a_problem_in_their_team(analyst, salesperson, today):
    p = services.problem_raise(
        by=analyst,
        category="compliance",
        severity="urgent",
        title="  代客操作  ",
        handler=salesperson,
        due_date=today,
    )
    assert (p.status, p.team_id, p.raised_by, p.handler, p.title) == (
        "open",
        analyst.team_id,
        analyst,
        salesperson,
        "代客操作",
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "  "}, "title", "请填写问题"),
        ({"handler": "other"}, "handler", "处理人必须是本团队的成员"),
        ({"handler": "office"}, "handler", "处理人必须是本团队的成员"),
        ({"due_date": -1}, "due_date", "处理期限不能早于今天"),
        ({"category": "nonsense"}, "category", "请选择问题类别"),
        ({"severity": "nonsense"}, "severity", "请选择严重程度"),
    ],
)
def test_a_bad_problem_is_refused_and_nothing_is_created(
    salesperson, other_salesperson, office, today, change, field, message
):
    data = {
        "by": salesperson,
        "category": "other",
        "severity": "low",
        "title": "问题",
        "handler": salesperson,
        "due_date": today,
    }
    data |= change
    if change.get("handler") == "other":
        data["handler"] = other_salesperson
    if change.get("handler") == "office":
        data["handler"] = office
    if "due_date" in change:
        data["due_date"] = today + dt.timedelta(days=change["due_date"])
    with pytest.raises(ServiceError, match=message) as exc:
        services.problem_raise(**data)
    assert exc.value.field == field
    assert not Problem.objects.exists()


def test_a_handler_from_another_team_is_refused_with_a_clear_message(
    salesperson, other_salesperson, today
):
    with pytest.raises(ServiceError, match="处理人必须是本团队的成员"):
        services.problem_raise(
            by=salesperson,
            category="other",
            severity="low",
            title="问题",
            handler=other_salesperson,
            due_date=today,
        )


@pytest.mark.parametrize("who", ["office", "leader"])
def test_office_and_leader_raise_no_problems(office, leader, salesperson, today, who):
    with pytest.raises(PermissionDenied):
        services.problem_raise(
            by={"office": office, "leader": leader}[who],
            category="other",
            severity="low",
            title="问题",
            handler=salesperson,
            due_date=today,
        )
    assert not Problem.objects.exists()


# --- open → handling → resolved ---------------------------------------------------------------


def test_the_handler_takes_it_up_and_resolves_it(problem, salesperson):
    p = services.problem_start_handling(
        problem=problem, by=salesperson, note="已联系客户", expected_version=problem.version
    )
    assert p.status == "handling"
    p = services.problem_resolve(
        problem=p, by=salesperson, resolution="已调整回访频率", expected_version=p.version
    )
    p = fresh(p)
    assert (p.status, p.resolution) == ("resolved", "已调整回访频率")
    assert p.resolved_at is not None
    logs = list(queries.problem_timeline(p))
    assert [(log.source_state, log.state, log.by, log.description) for log in logs] == [
        ("open", "handling", salesperson, "已联系客户"),
        ("handling", "resolved", salesperson, "已调整回访频率"),
    ]


def test_the_manager_may_handle_and_resolve_any_problem_of_the_team(problem, manager):
    p = services.problem_start_handling(problem=problem, by=manager)
    p = services.problem_resolve(problem=p, by=manager, resolution="经理处理完毕")
    assert fresh(p).status == "resolved"


@pytest.mark.parametrize("who", ["salesperson2", "analyst", "leader", "other_manager"])
def test_only_the_handler_or_the_manager_moves_it(
    problem, salesperson2, analyst, leader, other_manager, who
):
    user = {
        "salesperson2": salesperson2,
        "analyst": analyst,
        "leader": leader,
        "other_manager": other_manager,
    }[who]
    before = _snapshot(problem)
    with pytest.raises(PermissionDenied):
        services.problem_start_handling(problem=problem, by=user)
    with pytest.raises(PermissionDenied):
        services.problem_resolve(problem=problem, by=user, resolution="x")
    assert _snapshot(problem) == before


def test_an_open_problem_cannot_be_resolved_without_handling(problem, salesperson):
    before = _snapshot(problem)
    with pytest.raises(ServiceError, match="待处理"):
        services.problem_resolve(problem=problem, by=salesperson, resolution="完成")
    assert _snapshot(problem) == before


def test_resolving_needs_a_resolution(handling, salesperson):
    before = _snapshot(handling)
    with pytest.raises(ServiceError, match="请填写处理结果") as exc:
        services.problem_resolve(problem=handling, by=salesperson, resolution="  ")
    assert exc.value.field == "resolution"
    assert _snapshot(handling) == before


def test_handling_twice_is_refused(handling, salesperson):
    before = _snapshot(handling)
    with pytest.raises(ServiceError, match="处理中"):
        services.problem_start_handling(problem=handling, by=salesperson)
    assert _snapshot(handling) == before


def test_a_stale_version_changes_nothing(problem, salesperson):
    before = _snapshot(problem)
    with pytest.raises(StaleVersion):
        services.problem_start_handling(
            problem=problem, by=salesperson, expected_version=problem.version - 1 or 99
        )
    assert _snapshot(problem) == before


# --- escalated → answered → resolved ----------------------------------------------------------


def test_escalated_answered_resolved(problem, manager, leader, salesperson):
    p = services.problem_escalate(problem=problem, by=manager, reason="请领导协调运营部")
    assert (p.status, p.escalated_by, p.escalation_reason) == (
        "escalated",
        manager,
        "请领导协调运营部",
    )
    p = services.problem_answer(problem=p, by=leader, answer="已协调")
    assert (p.status, p.answered_by, p.answer) == ("answered", leader, "已协调")
    p = services.problem_resolve(problem=p, by=salesperson, resolution="按领导意见处理完毕")
    assert fresh(p).status == "resolved"
    assert [(log.state, log.by) for log in queries.problem_timeline(p)] == [
        ("escalated", manager),
        ("answered", leader),
        ("resolved", salesperson),
    ]


def test_a_problem_in_handling_may_be_escalated(handling, manager):
    assert services.problem_escalate(problem=handling, by=manager, reason="r").status == "escalated"


@pytest.mark.parametrize("who", ["salesperson", "analyst", "leader", "other_manager"])
def test_only_the_teams_manager_escalates(
    problem, salesperson, analyst, leader, other_manager, who
):
    user = {
        "salesperson": salesperson,
        "analyst": analyst,
        "leader": leader,
        "other_manager": other_manager,
    }[who]
    before = _snapshot(problem)
    with pytest.raises(PermissionDenied):
        services.problem_escalate(problem=problem, by=user, reason="r")
    assert _snapshot(problem) == before


def test_escalating_needs_a_reason(problem, manager):
    before = _snapshot(problem)
    with pytest.raises(ServiceError, match="上报时必须写明原因") as exc:
        services.problem_escalate(problem=problem, by=manager, reason=" ")
    assert exc.value.field == "reason"
    assert _snapshot(problem) == before


@pytest.mark.parametrize("stage", ["escalated", "answered"])
def test_a_problem_escalated_twice_is_refused(request, manager, stage):
    p = request.getfixturevalue(stage)
    before = _snapshot(p)
    with pytest.raises(ServiceError, match="已经上报过主管领导，不能重复上报"):
        services.problem_escalate(problem=p, by=manager, reason="再报一次")
    assert _snapshot(p) == before


@pytest.mark.parametrize("who", ["manager", "salesperson", "office"])
def test_only_the_leader_answers(escalated, manager, salesperson, office, who):
    before = _snapshot(escalated)
    with pytest.raises(PermissionDenied):
        services.problem_answer(
            problem=escalated,
            by={"manager": manager, "salesperson": salesperson, "office": office}[who],
            answer="答复",
        )
    assert _snapshot(escalated) == before


def test_an_answer_needs_text(escalated, leader):
    before = _snapshot(escalated)
    with pytest.raises(ServiceError, match="请填写答复意见") as exc:
        services.problem_answer(problem=escalated, by=leader, answer="")
    assert exc.value.field == "answer"
    assert _snapshot(escalated) == before


def test_a_problem_not_escalated_cannot_be_answered(problem, leader):
    before = _snapshot(problem)
    with pytest.raises(ServiceError, match="待处理"):
        services.problem_answer(problem=problem, by=leader, answer="答复")
    assert _snapshot(problem) == before


def test_an_answered_problem_cannot_be_answered_again(answered, leader):
    before = _snapshot(answered)
    with pytest.raises(ServiceError, match="领导已答复"):
        services.problem_answer(problem=answered, by=leader, answer="再答复")
    assert _snapshot(answered) == before


# --- who sees what, overdue -------------------------------------------------------------------


def test_who_sees_which_problems(
    problem,
    other_problem,
    salesperson,
    salesperson2,
    analyst,
    manager,
    other_manager,
    office,
    leader,
):
    handled = ProblemFactory(raised_by=analyst, handler=salesperson2, title="分析师提出")

    def seen(user):
        return set(queries.problems_for(user).values_list("title", flat=True))

    assert seen(salesperson) == {problem.title}
    assert seen(salesperson2) == {handled.title}  # as its handler
    assert seen(analyst) == seen(manager) == {problem.title, handled.title}
    assert seen(other_manager) == {other_problem.title}
    assert seen(leader) == {problem.title, handled.title, other_problem.title}
    assert seen(office) == set()


def test_overdue_is_due_strictly_before_the_day_and_not_resolved(salesperson, today):
    yesterday, last_week = today - dt.timedelta(days=1), today - dt.timedelta(days=7)
    ProblemFactory(raised_by=salesperson, title="昨天到期·待处理", due_date=yesterday)
    ProblemFactory(
        raised_by=salesperson, title="上周到期·已上报", due_date=last_week, status="escalated"
    )
    ProblemFactory(
        raised_by=salesperson, title="上周到期·已答复", due_date=last_week, status="answered"
    )
    ProblemFactory(raised_by=salesperson, title="今天到期", due_date=today)
    ProblemFactory(
        raised_by=salesperson, title="昨天到期·已解决", due_date=yesterday, status="resolved"
    )
    ProblemFactory(raised_by=salesperson, title="明天到期", due_date=today + dt.timedelta(days=1))
    # hand count: the first three
    overdue = Problem.objects.overdue(as_of=today)
    assert sorted(overdue.values_list("title", flat=True)) == sorted(
        ["昨天到期·待处理", "上周到期·已上报", "上周到期·已答复"]
    )
    assert all(p.is_overdue_on(today) for p in overdue)
    assert Problem.objects.overdue(as_of=yesterday).count() == 2


def test_home_contexts(problem, other_problem, salesperson, manager, leader, escalated, today):
    ProblemFactory(raised_by=salesperson, title="逾期一", due_date=today - dt.timedelta(days=2))
    ProblemFactory(
        raised_by=other_problem.raised_by, title="二部逾期", due_date=today - dt.timedelta(days=1)
    )
    m = queries.home_context(manager)
    assert [p.title for p in m["problems_overdue"]] == ["逾期一"]
    assert [p.title for p in m["problems_escalations"]] == [problem.title]
    ld = queries.home_context(leader)
    assert [p.title for p in ld["problems_waiting"]] == [problem.title]
    assert [p.title for p in ld["problems_overdue"]] == ["逾期一", "二部逾期"]
    s = queries.home_context(salesperson)
    assert [p.title for p in s["problems_mine"]] == ["逾期一", problem.title]


# --- the manager's inbox and the chase list ---------------------------------------------------


@pytest.fixture
def reported(salesperson, today):
    return ClientFactory(
        salesperson=salesperson, status="reported", reported_on=today - dt.timedelta(days=2)
    )


def test_the_manager_acknowledges_a_report_and_the_client_timeline_shows_it(reported, manager):
    ack = services.client_acknowledge_report(client=reported, by=manager, comment="请尽快出方案")
    assert (ack.client, ack.reported_on, ack.by, ack.comment) == (
        reported,
        reported.reported_on,
        manager,
        "请尽快出方案",
    )
    reported.refresh_from_db()
    assert reported.status == "reported"  # the pipeline is not moved
    events = [e for e in client_timeline(reported) if e["kind"] == "acknowledgement"]
    assert [e["obj"].comment for e in events] == ["请尽快出方案"]
    inbox = list(queries.reported_clients(manager))
    assert [(c.pk, c.acknowledged) for c in inbox] == [(reported.pk, True)]


def test_a_report_is_acknowledged_once(reported, manager):
    services.client_acknowledge_report(client=reported, by=manager, comment="已阅")
    with pytest.raises(ServiceError, match="已经签收过"):
        services.client_acknowledge_report(client=reported, by=manager, comment="再签")
    assert ReportAcknowledgement.objects.count() == 1


def test_acknowledging_needs_a_comment_and_a_reported_client(reported, manager, salesperson):
    with pytest.raises(ServiceError, match="请填写签收意见") as exc:
        services.client_acknowledge_report(client=reported, by=manager, comment=" ")
    assert exc.value.field == "comment"
    other = ClientFactory(salesperson=salesperson, status="plan_ready")
    with pytest.raises(ServiceError, match="方案已制定"):
        services.client_acknowledge_report(client=other, by=manager, comment="已阅")
    assert not ReportAcknowledgement.objects.exists()


@pytest.mark.parametrize("who", ["salesperson", "other_manager", "leader"])
def test_only_the_teams_manager_acknowledges(reported, salesperson, other_manager, leader, who):
    user = {"salesperson": salesperson, "other_manager": other_manager, "leader": leader}[who]
    with pytest.raises(PermissionDenied):
        services.client_acknowledge_report(client=reported, by=user, comment="已阅")
    assert not ReportAcknowledgement.objects.exists()


def test_chase_list_is_accounts_opened_not_funded_with_days_since_opening(
    salesperson, other_salesperson, manager, today
):
    def opened(name, days_ago, status="account_opened", sp=salesperson):
        c = ClientFactory(salesperson=sp, status=status, name=name)
        AccountOpening.objects.create(
            client=c,
            date=today - dt.timedelta(days=days_ago),
            account_number=f"A{name}",
            recorded_by=sp,
        )
        return c

    opened("三天", 3)
    opened("十天", 10)
    opened("已入金", 20, status="funded")
    opened("二部", 30, sp=other_salesperson)
    rows = queries.chase_list(manager, as_of=today)
    assert [(c.name, c.days_since_opening) for c in rows] == [("十天", 10), ("三天", 3)]


def test_a_departed_member_cannot_be_named_handler(salesperson, team, today):
    gone = UserFactory(role=Role.SALESPERSON, team=team, is_active=False)
    with pytest.raises(ServiceError, match="处理人必须是本团队的成员"):
        services.problem_raise(
            by=salesperson,
            category="other",
            severity="low",
            title="问题",
            handler=gone,
            due_date=today,
        )
