"""限期二次回访: the manager sets and changes it on 方案已制定 and 促单失败 clients (logged); a failed
close always gets one (issue 10, docs/design.md §Overdue)."""

import datetime as dt

import pytest
from django.urls import reverse

from visits import services
from visits.models import Client, FailureAnalysis

pytestmark = pytest.mark.django_db


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def url(c):
    return reverse("visits:client_action", args=[c.pk, "set_revisit_due"])


def post(c, data):
    return {f"set_revisit_due-{k}": v for k, v in {"version": c.version, **data}.items()}


@pytest.mark.parametrize("status", ["plan_ready", "failed"])
def test_manager_changes_the_deadline_and_it_is_logged(
    client_as, manager, make_client, today, status
):
    c = make_client(status, revisit_due=today)
    later = today + dt.timedelta(days=5)
    response = client_as(manager).post(
        url(c), post(c, {"revisit_due": later.isoformat(), "comment": "客户出差"})
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:client_detail", args=[c.pk])
    assert fresh(c).revisit_due == later
    assert fresh(c).version == c.version + 1
    record = fresh(c).history.order_by("-history_id").first()
    assert record.history_user == manager
    assert record.history_change_reason == f"限期二次回访：{today} → {later}（客户出差）"


def test_manager_sets_a_deadline_where_there_was_none(client_as, manager, make_client, today):
    c = make_client("failed", revisit_due=None)
    day = today + dt.timedelta(days=2)
    client_as(manager).post(url(c), post(c, {"revisit_due": day.isoformat()}))
    assert fresh(c).revisit_due == day


def test_the_client_page_offers_the_deadline_form_to_the_manager_only(
    client_as, manager, salesperson, make_client, today
):
    c = make_client("plan_ready", revisit_due=today)
    page = reverse("visits:client_detail", args=[c.pk])
    assert 'name="set_revisit_due-revisit_due"' in client_as(manager).get(page).content.decode()
    assert 'name="set_revisit_due-revisit_due"' not in (
        client_as(salesperson).get(page).content.decode()
    )


def test_salesperson_may_not_change_the_deadline(client_as, salesperson, make_client, today):
    c = make_client("plan_ready", revisit_due=today)
    later = today + dt.timedelta(days=9)
    response = client_as(salesperson).post(url(c), post(c, {"revisit_due": later.isoformat()}))
    assert response.status_code == 403
    assert fresh(c).revisit_due == today


def test_other_teams_manager_gets_404(client_as, other_manager, make_client, today):
    c = make_client("plan_ready", revisit_due=today)
    later = today + dt.timedelta(days=9)
    response = client_as(other_manager).post(url(c), post(c, {"revisit_due": later.isoformat()}))
    assert response.status_code == 404
    assert fresh(c).revisit_due == today


@pytest.mark.parametrize("status", ["revisited", "closing", "visited"])
def test_deadline_is_refused_in_other_states(client_as, manager, make_client, today, status):
    c = make_client(status)
    later = today + dt.timedelta(days=9)
    response = client_as(manager).post(url(c), post(c, {"revisit_due": later.isoformat()}))
    assert response.status_code == 400
    assert "不能设定二次回访期限" in response.content.decode()
    assert (fresh(c).revisit_due, fresh(c).version) == (None, c.version)


def test_a_past_deadline_is_refused(manager, make_client, today):
    c = make_client("plan_ready", revisit_due=today)
    with pytest.raises(services.ServiceError, match="二次回访期限不能早于今天") as err:
        services.client_set_revisit_due(
            client=c, by=manager, revisit_due=today - dt.timedelta(days=1)
        )
    assert err.value.field == "revisit_due"
    assert fresh(c).revisit_due == today


def test_close_lost_requires_a_deadline(client_as, salesperson, make_client):
    c = make_client("closing")
    with pytest.raises(services.ServiceError, match="请设定再次拜访期限"):
        services.client_close_lost(client=c, by=salesperson, reason="fees", notes="费率偏高")
    response = client_as(salesperson).post(
        reverse("visits:client_action", args=[c.pk, "close_lost"]),
        {"close_lost-version": c.version, "close_lost-reason": "fees", "close_lost-notes": "费率"},
    )
    assert response.status_code == 400
    assert fresh(c).status == "closing"
    assert not FailureAnalysis.objects.exists()
    assert Client.objects.overdue(today=dt.date(2100, 1, 1)).count() == 0
