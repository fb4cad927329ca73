import datetime as dt

import pytest
from django.utils import timezone

from problems import services
from problems.models import Problem


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def problem(salesperson, today):
    """Open, raised by the salesperson, who handles it too."""
    return services.problem_raise(
        by=salesperson,
        category="complaint",
        severity="high",
        title="客户投诉回访太频繁",
        description="一周三次电话",
        handler=salesperson,
        due_date=today + dt.timedelta(days=3),
    )


@pytest.fixture
def handling(problem, salesperson):
    return services.problem_start_handling(problem=problem, by=salesperson)


@pytest.fixture
def escalated(problem, manager):
    return services.problem_escalate(problem=problem, by=manager, reason="请领导协调")


@pytest.fixture
def answered(escalated, leader):
    return services.problem_answer(problem=escalated, by=leader, answer="已协调，按新口径答复")


@pytest.fixture
def other_problem(other_salesperson, today):
    return services.problem_raise(
        by=other_salesperson,
        category="system",
        severity="low",
        title="二部的问题",
        handler=other_salesperson,
        due_date=today + dt.timedelta(days=3),
    )


def fresh(problem: Problem) -> Problem:
    return Problem.objects.get(pk=problem.pk)
