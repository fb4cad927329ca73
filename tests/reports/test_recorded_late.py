"""Actions recorded late (the services' ``on=`` / ``date=``) count on the day they happened.

Report 7 of a closed month shows each client's state as of the month's end from the transition log
(django-fsm-log): an action dated inside the month but recorded after it must be logged on its own
day, or the month shows an earlier state. The log keeps the order the actions were taken in; the
client's history keeps when, and by whom, the late record was made (补录).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django_fsm_log.models import StateLog

from reports.definitions import REPORTS
from reports.queries import ReportScope
from salesops.periods import Period
from salesops.services import ServiceError, clock_at
from tests.suitability.factories import assess, product
from tests.visits.factories import ClientFactory
from visits import services
from visits.models import Client, InvestmentPlan
from visits.queries import client_timeline

from .conftest import at

pytestmark = pytest.mark.django_db
D = dt.date
NOV28, DEC2 = D(2026, 11, 28), D(2026, 12, 2)


def fresh(client):
    return Client.objects.get(pk=client.pk)


def status_in(month, user, name):
    """状态 of one client in report 7 of ``month``, read as the reports' clock stands (12-05)."""
    rows = REPORTS["target-clients"].query(ReportScope(user), Period.parse(month))
    return {r["name"]: r for r in rows}[name]


def logs(client):
    return list(StateLog.objects.for_(client).order_by("pk"))


@pytest.fixture
def visited(salesperson):
    """客户辛: registered on 11-05 and first visited on 11-10, both recorded as they happened."""
    c = ClientFactory(salesperson=salesperson, name="客户辛")
    Client.objects.filter(pk=c.pk).update(created_at=at(D(2026, 11, 5)))
    with clock_at(at(D(2026, 11, 10))):
        services.visit_log(
            client=fresh(c), by=salesperson, date=D(2026, 11, 10), kind="onsite", purpose="first"
        )
    return fresh(c)


def analyze(client, by, **kw):
    return services.client_analyze_needs(
        client=fresh(client),
        by=by,
        investment_experience="基金定投",
        investment_needs="稳健增值",
        risk_preference="moderate",
        intended_funds=Decimal("300000"),
        **kw,
    )


def test_an_action_dated_in_a_closed_month_recorded_after_it_counts_in_that_month(visited, manager):
    # on 12-02 the manager records that the needs were analysed on 11-28
    with clock_at(at(DEC2)):
        analyze(visited, manager, on=NOV28)
    tz = timezone.get_current_timezone()
    log = logs(visited)[-1]
    assert log.transition == "analyze_needs"
    assert log.timestamp == dt.datetime.combine(NOV28, dt.time.max, tzinfo=tz)
    assert log.by == manager
    # November as of its end (the reports' clock is 12-05: the month is closed)
    assert status_in("2026-11", manager, "客户辛")["status"] == "需求已分析"
    # auditable: the client's history holds the record of it — who, the day it happened, and
    # when it was really written
    record = visited.history.order_by("-history_id").first()
    assert record.status == "needs_analyzed"
    assert record.history_user == manager
    # dated on the day it happened (November reads it), the reason says when it was written
    assert record.history_date == dt.datetime.combine(NOV28, dt.time.max, tzinfo=tz)
    assert record.history_change_reason == "补录：发生于 2026-11-28，记录于 2026-12-02 10:00"
    # the client's page shows the late step on its day, without a made-up time
    late = next(e for e in client_timeline(fresh(visited)) if e["obj"] == log)
    assert late["date_only"] is True
    first = next(e for e in client_timeline(fresh(visited)) if e["obj"] == logs(visited)[0])
    assert first["date_only"] is False


def test_a_transition_recorded_as_it_happens_is_unchanged(visited, manager):
    # recorded on the day (on= today or not given): stamped now, no 补录 in the history
    with clock_at(at(D(2026, 11, 28))):
        analyze(visited, manager, on=NOV28)
    log = logs(visited)[-1]
    assert log.timestamp == at(NOV28)
    assert fresh(visited).history.order_by("-history_id").first().history_change_reason is None
    assert status_in("2026-11", manager, "客户辛")["status"] == "需求已分析"
    # an action of 12-02 (recorded then, without a date) is not November's
    with clock_at(at(DEC2)):
        services.client_report_to_manager(client=fresh(visited), by=manager)
    assert logs(visited)[-1].timestamp == at(DEC2)
    assert status_in("2026-11", manager, "客户辛")["status"] == "需求已分析"
    assert fresh(visited).status == "reported"


def test_two_late_actions_of_one_day_keep_their_order(visited, manager, salesperson):
    with clock_at(at(DEC2)):
        analyze(visited, manager, on=NOV28)
        services.client_report_to_manager(client=fresh(visited), by=salesperson, on=NOV28)
    assert fresh(visited).reported_on == NOV28
    assert [log.transition for log in logs(visited)][-2:] == ["analyze_needs", "report_to_manager"]
    assert status_in("2026-11", manager, "客户辛")["status"] == "已上报经理"


def test_a_late_plan_counts_as_made_on_its_day(visited, manager, analyst, salesperson):
    with clock_at(at(D(2026, 11, 12))):
        analyze(visited, analyst)
        services.client_report_to_manager(client=fresh(visited), by=salesperson)
    assess(fresh(visited), "C3", valid_until=D(2027, 11, 12))
    with clock_at(at(DEC2)):
        plan = services.client_prepare_plan(
            client=fresh(visited),
            by=analyst,
            content="债券基金为主",
            products=[product("R2")],
            revisit_due=D(2026, 12, 10),
            on=NOV28,
        )
    made = dt.datetime.combine(NOV28, dt.time.max, tzinfo=timezone.get_current_timezone())
    assert InvestmentPlan.objects.get(pk=plan.pk).created_at == made
    row = status_in("2026-11", manager, "客户辛")
    assert (row["status"], row["plan"]) == ("方案已制定", "已制定（R2）")


def test_a_future_or_out_of_order_date_is_refused(visited, manager, salesperson):
    with clock_at(at(DEC2)):
        with pytest.raises(ServiceError, match="日期不能晚于今天") as future:
            analyze(visited, manager, on=D(2026, 12, 3))
        assert (future.value.field, future.value.message) == ("on", "日期不能晚于今天。")
        # needs analysed before the first visit (11-10) that made it possible: refused
        with pytest.raises(ServiceError, match="日期不能早于上一步的日期（2026-11-10）") as early:
            analyze(visited, manager, on=D(2026, 11, 9))
        assert early.value.field == "on"
        assert early.value.message == "日期不能早于上一步的日期（2026-11-10）。"
        # a visit's date is checked the same way, on its own field
        client = ClientFactory(salesperson=salesperson, status="dropped")
        services.client_reactivate(client=client, by=manager, on=D(2026, 11, 20))
        with pytest.raises(ServiceError, match="日期不能早于上一步的日期（2026-11-20）") as visit:
            services.visit_log(
                client=fresh(client),
                by=salesperson,
                date=D(2026, 11, 19),
                kind="onsite",
                purpose="first",
            )
        assert visit.value.field == "date"
    # nothing changed
    assert fresh(visited).status == "visited"
    assert [log.transition for log in logs(visited)] == ["record_first_visit"]
    assert fresh(client).status == "prospect" and not fresh(client).visits.exists()
    assert status_in("2026-11", manager, "客户辛")["status"] == "已拜访"


def test_deposits_recorded_out_of_order_are_accepted(salesperson):
    # another deposit keeps the state (已入金 → 已入金): its day need not follow the last one's
    client = ClientFactory(salesperson=salesperson, status="account_opened")
    with clock_at(at(DEC2)):
        services.client_record_deposit(
            client=client, by=salesperson, date=D(2026, 11, 25), amount=Decimal("1000")
        )
        services.client_record_deposit(
            client=fresh(client), by=salesperson, date=D(2026, 11, 20), amount=Decimal("500")
        )
    days = [timezone.localdate(log.timestamp) for log in logs(client)]
    assert days == [D(2026, 11, 25), D(2026, 11, 20)]
    assert fresh(client).status == "funded"
