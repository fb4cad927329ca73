"""Visits pages at work: lists, logging visits, actions on a client (who may open which page:
tests/test_permission_matrix.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from visits.models import Client, Deposit, Visit

from .factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_salesperson_list_shows_only_own_clients(client_as, make_client, salesperson, salesperson2):
    make_client("visited", name="我的客户甲")
    make_client("visited", owner=salesperson2, name="同事客户乙")
    body = client_as(salesperson).get(reverse("visits:client_list")).content.decode()
    assert "我的客户甲" in body
    assert "同事客户乙" not in body


def test_manager_list_filters_overdue_and_searches(client_as, make_client, manager, today):
    make_client("plan_ready", name="逾期客户", revisit_due=today - dt.timedelta(days=2))
    make_client(
        "plan_ready",
        name="未逾期客户",
        revisit_due=today + dt.timedelta(days=2),
        phone="13311112222",
    )
    c = client_as(manager)
    body = c.get(reverse("visits:client_list"), {"overdue": "true"}).content.decode()
    assert "逾期客户" in body and "未逾期客户" not in body
    body = c.get(reverse("visits:client_list"), {"q": "1111"}).content.decode()
    assert "未逾期客户" in body and ">逾期客户</a>" not in body


def test_log_visit_registers_new_prospect_on_the_spot(client_as, salesperson, today):
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "new_name": "路遇客户",
            "new_phone": "13500000000",
            "new_source": "cold",
            "date": today.isoformat(),
            "time": "10:30",
            "kind": "onsite",
            "purpose": "first",
            "summary": "初次见面",
        },
    )
    c = Client.objects.get(name="路遇客户")
    assert response.status_code == 302
    assert response["Location"] == reverse("visits:client_detail", args=[c.pk])
    assert c.status == "visited"
    assert c.salesperson == salesperson
    assert Visit.objects.filter(client=c).count() == 1


def test_log_visit_in_the_future_shows_field_error(client_as, salesperson, prospect, today):
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "client": prospect.pk,
            "date": (today + dt.timedelta(days=2)).isoformat(),
            "kind": "onsite",
            "purpose": "first",
            "summary": "x",
        },
    )
    assert response.status_code == 200
    assert "日期不能晚于今天" in response.content.decode()
    assert not Visit.objects.exists()


def test_log_visit_needs_a_client_or_a_name(client_as, salesperson, today):
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {"date": today.isoformat(), "kind": "onsite", "purpose": "first", "summary": "x"},
    )
    assert "请选择客户，或填写新客户姓名" in response.content.decode()
    assert not Client.objects.exists()


def test_log_visit_for_other_salespersons_client_is_refused(
    client_as, salesperson, salesperson2, make_client, today
):
    theirs = make_client("visited", owner=salesperson2)
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "client": theirs.pk,
            "date": today.isoformat(),
            "kind": "onsite",
            "purpose": "needs",
            "summary": "x",
        },
    )
    assert response.status_code == 200  # not a choice the form offers
    assert not Visit.objects.exists()
    assert (
        client_as(salesperson).get(reverse("visits:visit_log"), {"client": theirs.pk}).status_code
        == 404
    )


def action(c, client, name, data):
    payload = {f"{name}-{k}": v for k, v in data.items()}
    payload[f"{name}-version"] = client.version
    return c.post(reverse("visits:client_action", args=[client.pk, name]), payload)


def test_deposit_through_the_page(client_as, make_client, salesperson, today):
    c = make_client("account_opened")
    response = action(
        client_as(salesperson),
        c,
        "record_deposit",
        {"date": today.isoformat(), "amount": "20000.00"},
    )
    assert response.status_code == 302
    assert Client.objects.get(pk=c.pk).status == "funded"
    assert Deposit.objects.get().amount == 20000


@pytest.mark.parametrize("amount", ["0", "-1", "abc"])
def test_bad_deposit_amount_shows_message_and_changes_nothing(
    client_as, make_client, salesperson, today, amount
):
    c = make_client("account_opened")
    response = action(
        client_as(salesperson), c, "record_deposit", {"date": today.isoformat(), "amount": amount}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "金额必须大于零" in body or "请输入数字金额" in body
    assert not Deposit.objects.exists()
    assert Client.objects.get(pk=c.pk).status == "account_opened"


def test_close_lost_without_reason_shows_error(client_as, make_client, salesperson):
    c = make_client("closing")
    response = action(client_as(salesperson), c, "close_lost", {"reason": "", "notes": ""})
    assert response.status_code == 400
    assert Client.objects.get(pk=c.pk).status == "closing"


def test_wrong_state_action_is_refused_with_message(client_as, make_client, salesperson):
    c = make_client("prospect")
    response = action(client_as(salesperson), c, "start_closing", {"comment": ""})
    assert response.status_code == 400
    assert "不能开始促单" in response.content.decode()


def test_wrong_role_action_is_403(client_as, make_client, salesperson):
    c = make_client("visited")
    response = action(client_as(salesperson), c, "analyze_needs", {"investment_needs": "x"})
    assert response.status_code == 403


def test_out_of_scope_action_is_404(client_as, make_client, other_manager):
    c = make_client("closing")
    response = action(client_as(other_manager), c, "drop", {"reason": "x"})
    assert response.status_code == 404
    assert Client.objects.get(pk=c.pk).status == "closing"


def test_stale_page_is_told_client_changed(client_as, make_client, salesperson):
    c = make_client("revisited")
    stale_version = c.version
    Client.objects.filter(pk=c.pk).update(version=stale_version + 1)
    response = client_as(salesperson).post(
        reverse("visits:client_action", args=[c.pk, "start_closing"]),
        {"start_closing-version": stale_version, "start_closing-comment": ""},
        follow=True,
    )
    assert "客户信息已被他人修改" in response.content.decode()
    assert Client.objects.get(pk=c.pk).status == "revisited"


def test_stale_info_edit_is_refused(client_as, make_client, salesperson):
    c = make_client("visited", phone="13811111111")
    url = reverse("visits:client_edit", args=[c.pk])
    response = client_as(salesperson).post(
        url,
        {"name": c.name, "phone": "13922222222", "source": "other", "version": c.version + 2},
        follow=True,
    )
    assert "客户信息已被他人修改" in response.content.decode()
    assert Client.objects.get(pk=c.pk).phone == "13811111111"


def test_detail_shows_only_actions_the_user_may_take(client_as, make_client, salesperson, analyst):
    c = make_client("visited")
    body = client_as(salesperson).get(reverse("visits:client_detail", args=[c.pk])).content.decode()
    assert "analyze_needs" not in body
    assert "放弃客户" in body
    body = client_as(analyst).get(reverse("visits:client_detail", args=[c.pk])).content.decode()
    assert reverse("visits:client_action", args=[c.pk, "analyze_needs"]) in body
    assert "放弃客户" not in body


def test_manager_sees_change_history(client_as, make_client, manager, salesperson):
    from visits import services

    c = make_client("visited", phone="13811111111")
    services.client_update_info(
        client=c, by=salesperson, expected_version=c.version, phone="13822223333"
    )
    body = client_as(manager).get(reverse("visits:client_detail", args=[c.pk])).content.decode()
    # the numbers in the change history are masked like every number on a page
    assert "信息修改记录" in body and "138****3333" in body and "13822223333" not in body


def seed(n, salesperson, analyst):
    for _ in range(n):
        c = ClientFactory(
            salesperson=salesperson,
            status="plan_ready",
            analyst=analyst,
            revisit_due=dt.date(2020, 1, 1),
        )
        VisitFactory(client=c)


@pytest.mark.parametrize("name", ["visits:client_list", "visits:visit_list", "home"])
def test_query_count_does_not_grow_with_clients(
    client_as, salesperson, analyst, manager, name, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (3, 30):
        seed(n, salesperson, analyst)
        for user in (salesperson, manager):
            c = client_as(user)
            with CaptureQueriesContext(connection) as ctx:
                assert c.get(reverse(name)).status_code == 200
            counts.append(len(ctx))
    assert counts[:2] == counts[2:], counts
