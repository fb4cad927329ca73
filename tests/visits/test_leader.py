"""The leader (主管领导) reads every team's clients, masked, and changes nothing of them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.definitions import REPORTS
from reports.queries import ReportScope
from salesops.periods import Period
from tests.visits.factories import ClientFactory, VisitFactory
from visits.masking import mask_phone, may_see_client_phone
from visits.models import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("13812345678", "138****5678"),
        ("021-12345678", "021*****5678"),
        ("12345", "1***5"),
        ("12", "**"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(phone, shown):
    assert mask_phone(phone) == shown


def test_nobody_without_standing_may_read_a_number(leader, manager, salesperson, analyst, office):
    client = ClientFactory(salesperson=salesperson)
    assert not may_see_client_phone(leader, client)
    assert not may_see_client_phone(office, client)
    assert all(may_see_client_phone(u, client) for u in (manager, salesperson, analyst))


@pytest.fixture
def two_clients(salesperson, other_salesperson):
    return (
        ClientFactory(salesperson=salesperson, name="甲客户", phone="13812345678"),
        ClientFactory(salesperson=other_salesperson, name="乙客户", phone="13998765432"),
    )


def test_leader_reads_every_teams_clients_with_masked_numbers(client_as, leader, two_clients):
    page = client_as(leader).get(reverse("visits:client_list")).content.decode()
    assert "甲客户" in page and "乙客户" in page
    assert "138****5678" in page and "139****5432" in page
    assert "13812345678" not in page and "13998765432" not in page
    assert reverse("visits:client_register") not in page  # no register / log-visit buttons


def test_the_manager_also_sees_the_list_masked(client_as, manager, two_clients):
    page = client_as(manager).get(reverse("visits:client_list")).content.decode()
    assert "138****5678" in page and "13812345678" not in page


def test_leader_cannot_search_by_phone_number(client_as, leader, two_clients):
    c = client_as(leader)
    assert "甲客户" not in c.get(reverse("visits:client_list"), {"q": "1381234"}).content.decode()
    assert "甲客户" in c.get(reverse("visits:client_list"), {"q": "甲"}).content.decode()


def test_leader_client_page_is_read_only_and_masked(client_as, leader, two_clients):
    client = two_clients[1]
    VisitFactory(client=client)
    page = client_as(leader).get(reverse("visits:client_detail", args=[client.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "139****5432" in text and "13998765432" not in text and "tel:" not in text
    assert "下一步操作" not in text
    assert reverse("visits:client_edit", args=[client.pk]) not in text
    assert reverse("visits:visit_log") not in text


@pytest.mark.parametrize("action", ["start_closing", "drop", "reactivate", "record_deposit"])
def test_a_leader_post_to_a_client_action_is_403_and_changes_nothing(
    client_as, leader, salesperson, action
):
    client = ClientFactory(salesperson=salesperson, status="revisited")
    before = Client.objects.filter(pk=client.pk).values().get()
    url = reverse("visits:client_action", args=[client.pk, action])
    response = client_as(leader).post(
        url, {f"{action}-version": client.version, f"{action}-reason": "x"}
    )
    assert response.status_code == 403
    assert Client.objects.filter(pk=client.pk).values().get() == before


def test_a_leader_cannot_edit_a_client(client_as, leader, salesperson):
    client = ClientFactory(salesperson=salesperson, name="原名")
    c = client_as(leader)
    url = reverse("visits:client_edit", args=[client.pk])
    assert c.get(url).status_code == 403
    response = c.post(url, {"version": client.version, "name": "改名", "phone": "1"})
    assert response.status_code == 403
    assert Client.objects.get(pk=client.pk).name == "原名"


def test_target_clients_report_masks_numbers_for_the_leader(leader, manager, two_clients):
    month = Period.month_of(timezone.localdate())
    query = REPORTS["target-clients"].query
    as_leader = {r["name"]: r["phone"] for r in query(ReportScope(leader), month)}
    as_manager = {r["name"]: r["phone"] for r in query(ReportScope(manager), month)}
    assert as_leader == {"甲客户": "138****5678", "乙客户": "139****5432"}
    assert as_manager == {"甲客户": "13812345678"}


def test_the_leader_home_offers_no_office_only_page(client_as, leader, office):
    leader_home = client_as(leader).get(reverse("home")).content.decode()
    assert "签收上报的报表" not in leader_home
    # the office's 上报材料 (plans, reward plans, week plans) is read by the leader too (issue 24)
    assert reverse("plans:office") in leader_home
    office_home = client_as(office).get(reverse("home")).content.decode()
    assert reverse("plans:office") in office_home and "签收上报的报表" in office_home
