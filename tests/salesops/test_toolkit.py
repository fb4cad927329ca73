"""The service toolkit (salesops.services, salesops.forms, salesops.views) that every app's services
and views are built from: each rule once, proven here and used by visits and plans alike."""

import datetime as dt

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import timezone

from salesops import services as toolkit
from salesops.forms import VersionedForm
from salesops.services import (
    ServiceError,
    StaleVersion,
    clock_at,
    lock_and_check,
    lock_existing,
    require,
    run_transition,
)
from salesops.views import posted_version, run_service
from tests.visits.factories import ClientFactory
from visits import services as visit_services
from visits.models import Client, ClientStatus


def _request(post=None):
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/", post or {})
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_lock_and_check_refuses_a_stale_version_and_accepts_the_current_one(salesperson):
    client = ClientFactory(salesperson=salesperson)
    with pytest.raises(StaleVersion):
        lock_and_check(client, client.version + 1)
    assert lock_and_check(client, client.version).pk == client.pk
    assert lock_and_check(client, None).pk == client.pk  # callers without a page


def test_lock_existing_treats_a_form_without_version_as_stale(salesperson):
    client = ClientFactory(salesperson=salesperson)
    with pytest.raises(StaleVersion):
        lock_existing(client, None)


def test_run_transition_refuses_from_a_wrong_state_and_changes_nothing(salesperson):
    client = ClientFactory(salesperson=salesperson, status=ClientStatus.PROSPECT)
    with pytest.raises(ServiceError, match="当前状态为「待拜访」，不能开户"):
        run_transition(client, "close_won", by=salesperson, label="开户")
    client.refresh_from_db()
    assert client.status == ClientStatus.PROSPECT and client.version == 1


def test_run_transition_moves_logs_and_bumps_the_version(salesperson):
    client = ClientFactory(salesperson=salesperson, status=ClientStatus.PROSPECT)
    run_transition(client, "record_first_visit", by=salesperson, description="初访")
    client.refresh_from_db()
    assert client.status == ClientStatus.VISITED and client.version == 2


def test_require_is_a_403():
    require(True)
    with pytest.raises(PermissionDenied):
        require(False)


def test_clock_at_backdates_the_services_and_only_inside_the_block():
    when = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))
    with clock_at(when):
        assert toolkit.now() == when and toolkit.today() == dt.date(2026, 3, 2)
    assert toolkit.today() == timezone.localdate()


@pytest.mark.parametrize("post", [{}, {"version": "abc"}, {"version": "0"}, {"version": "9" * 30}])
def test_posted_version_refuses_a_missing_or_forged_version(post):
    with pytest.raises(ServiceError, match="页面已过期"):
        posted_version(_request(post))
    assert posted_version(_request({"version": "3"})) == 3


def test_run_service_puts_a_refusal_beside_its_field_or_above_the_form():
    form = VersionedForm({"version": "1"})
    assert form.is_valid()

    def refuse():
        raise ServiceError("不行。", field="version")

    request = _request()
    assert run_service(request, refuse, success="好", form=form) is False
    assert form.errors["version"] == ["不行。"]
    form = VersionedForm({"version": "1"})
    form.is_valid()
    assert (
        run_service(
            request,
            lambda: (_ for _ in ()).throw(ServiceError("整体不行。")),
            success="好",
            form=form,
        )
        is False
    )
    assert form.non_field_errors() == ["整体不行。"]


def test_run_service_reports_success_staleness_and_formless_refusals_as_messages():
    request = _request()
    assert run_service(request, lambda: None, success="已保存。") is True

    def stale():
        raise StaleVersion

    def refused():
        raise ServiceError("不能提交。")

    assert run_service(request, stale, success="x") is True  # redirect: show the current state
    assert run_service(request, refused, success="x") is False
    texts = [(m.level, str(m)) for m in get_messages(request)]
    assert texts[0] == (messages.SUCCESS, "已保存。")
    assert texts[1][0] == messages.WARNING and "已被他人修改" in texts[1][1]
    assert texts[2] == (messages.ERROR, "不能提交。")


# --- a visit to someone new is one service: a refused visit leaves no client behind -------------


def test_new_client_visit_refused_leaves_no_client(salesperson):
    with pytest.raises(ServiceError, match="日期不能晚于今天"):
        visit_services.visit_log_new_client(
            by=salesperson,
            name="路人甲",
            date=timezone.localdate() + dt.timedelta(days=1),
            kind="onsite",
            purpose="first",
            summary="明天的拜访",
        )
    assert not Client.objects.filter(name="路人甲").exists()


def test_new_client_visit_registers_and_moves_the_prospect(salesperson):
    visit = visit_services.visit_log_new_client(
        by=salesperson,
        name="路人乙",
        phone="13800000000",
        date=timezone.localdate(),
        kind="onsite",
        purpose="first",
        summary="初次见面",
    )
    assert visit.client.salesperson == salesperson
    assert visit.client.status == ClientStatus.VISITED


def test_a_manager_must_pick_an_existing_client(manager):
    with pytest.raises(ServiceError, match="请选择已有客户") as err:
        visit_services.visit_log_new_client(
            by=manager, name="路人丙", date=timezone.localdate(), kind="onsite", purpose="first"
        )
    assert err.value.field == "client"
    assert not Client.objects.filter(name="路人丙").exists()
