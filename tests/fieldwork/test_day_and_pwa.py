"""The manager's 外勤 day view, and the installable app's manifest and service worker."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldwork import pwa, services
from fieldwork.models import ClientLocation
from plans.models import DailyFocus, VisitPlan, VisitPlanItem
from tests.visits.factories import ClientFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_of_work(salesperson, salesperson2, manager):
    today = timezone.localdate()
    a = ClientFactory(salesperson=salesperson, status="visited", name="甲客户")
    b = ClientFactory(salesperson=salesperson, status="visited", name="乙客户")
    c = ClientFactory(salesperson=salesperson2, status="visited", name="丙客户")
    ClientLocation.objects.create(
        client=a, latitude=Decimal("31.2304"), longitude=Decimal("121.4737")
    )
    late = VisitFactory(client=a, time=dt.time(15, 0))
    services.checkin_record(
        visit=late,
        by=salesperson,
        position_state="ok",
        latitude=Decimal("31.2314"),
        longitude=Decimal("121.4737"),
        accuracy=12,
        position_at=timezone.now(),
    )
    early = VisitFactory(client=b, time=dt.time(9, 0))
    services.checkin_record(visit=early, by=salesperson, position_state="refused")
    VisitFactory(client=c, time=dt.time(11, 0))  # onsite, no check-in: 未签到
    plan = VisitPlan.objects.create(
        owner=salesperson2,
        team=salesperson2.team,
        horizon="day",
        period_start=today,
        period_end=today,
    )
    VisitPlanItem.objects.create(
        plan=plan, date=today, prospect_name="计划中的赵总", purpose="first", is_key=True
    )
    missed = ClientFactory(salesperson=salesperson2, status="visited", name="重点客户丁")
    DailyFocus.objects.create(
        team=salesperson2.team,
        salesperson=salesperson2,
        client=missed,
        date=today,
        instruction="跟进开户",
        assigned_by=manager,
    )
    return today


def test_manager_day_view(client_as, manager, day_of_work, salesperson):
    body = client_as(manager).get(reverse("fieldwork:day")).content.decode()
    mine = body.split(f'data-person="{salesperson.username}"')[1].split("</section>")[0]
    assert mine.index("乙客户") < mine.index("甲客户")  # time order: 09:00 before 15:00
    assert 'data-checkin-state="refused"' in mine and "定位被拒绝" in mine
    assert 'data-checkin-state="signed"' in mine
    assert "距客户地址 111 米" in mine
    assert 'data-checkin-state="not_signed"' in body and "未签到" in body
    assert "计划中的赵总" in body and "重点客户丁" in body
    assert "计划或重点跟进但未拜访" in body


def test_day_view_other_days_and_bad_dates(client_as, manager, day_of_work):
    http = client_as(manager)
    yesterday = (day_of_work - dt.timedelta(days=1)).isoformat()
    body = http.get(reverse("fieldwork:day"), {"date": yesterday}).content.decode()
    assert "甲客户" not in body
    for bad in ("0001-01-01", "2026-13-01", "²", "9" * 40):
        assert http.get(reverse("fieldwork:day"), {"date": bad}).status_code == 200


def test_day_view_scope(
    client_as, manager, other_manager, day_of_work, salesperson, analyst, leader
):
    url = reverse("fieldwork:day")
    other = client_as(other_manager).get(url).content.decode()
    assert "甲客户" not in other
    assert client_as(other_manager).get(url, {"team": salesperson.team_id}).status_code == 404
    assert client_as(manager).get(url, {"team": "x"}).status_code == 404
    assert client_as(manager).get(url, {"team": salesperson.team_id}).status_code == 200
    for user in (salesperson, analyst, leader):
        assert client_as(user).get(url).status_code == 403


def test_manager_home_counts_today(client_as, manager, day_of_work):
    body = client_as(manager).get(reverse("home")).content.decode()
    assert 'id="home-field"' in body and "已签到 1" in body
    assert reverse("fieldwork:day") in body


def test_home_card_counts_are_the_day_views_sums(manager, day_of_work, salesperson):
    """The home card counts in the database what the day view lists: 3 onsite visits, 1 checked in
    with a position, 1 planned item and 1 follow-up without a visit; an office visit and an
    archived visit do not count."""
    from fieldwork import queries

    VisitFactory(client=ClientFactory(salesperson=salesperson), kind="phone")
    archived = VisitFactory(client=ClientFactory(salesperson=salesperson))
    archived.archived_at = timezone.now()
    archived.save()
    rows = queries.day_view(manager, day_of_work)
    by_hand = {
        "onsite": sum(r["onsite"] for r in rows),
        "signed": sum(r["signed"] for r in rows),
        "missed": sum(len(r["missed_items"]) + len(r["missed_focus"]) for r in rows),
    }
    assert by_hand == {"onsite": 3, "signed": 1, "missed": 2}
    assert queries.day_counts(manager, day_of_work) == by_hand


def test_manifest(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["name"].startswith("营销管理") and data["short_name"] == "营销管理"
    assert data["start_url"] == "/" and data["display"] == "standalone"
    assert data["theme_color"] == pwa.THEME_COLOR
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200 or icon["src"].startswith("/static/")


def test_service_worker_from_the_root_with_a_versioned_cache(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    code = response.content.decode()
    assert f'"version": "{pwa.release()}"' in code
    for page in ("/", "/visits/clients/", "/visits/log/"):
        assert f'"{page}"' in code
    assert "salesops-static-" in code


def test_release_changes_with_an_asset(settings, monkeypatch):
    pwa.release.cache_clear()
    before = pwa.release()
    monkeypatch.setattr(pwa, "_content", lambda name: b"changed " + name.encode())
    pwa.release.cache_clear()
    assert pwa.release() != before
    pwa.release.cache_clear()


def test_pages_link_the_manifest_and_the_queue(client_as, salesperson):
    body = client_as(salesperson).get(reverse("home")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in body
    assert 'name="salesops-user" content="sales1"' in body
    assert 'id="sync-badge"' in body and 'id="offline-text"' in body
    assert "js/offline.js" in body


def test_offline_page_is_public(client):
    assert client.get(reverse("fieldwork:offline")).status_code == 200


def test_day_view_queries_do_not_grow_with_visits(client_as, manager, day_of_work, salesperson):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    http = client_as(manager)
    with CaptureQueriesContext(connection) as few:
        http.get(reverse("fieldwork:day"))
    for n in range(5):
        visit = VisitFactory(
            client=ClientFactory(salesperson=salesperson, status="visited"), time=dt.time(8, n)
        )
        services.checkin_record(visit=visit, by=salesperson, position_state="refused")
    with CaptureQueriesContext(connection) as many:
        http.get(reverse("fieldwork:day"))
    assert len(many) == len(few)
