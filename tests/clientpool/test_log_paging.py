"""Long lists are paged, never cut (issue 23): the pool's log and the download record used to stop
silently at 500 rows; row 501 is now on the last page, and the page says how many there are."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from clientpool.models import PoolEvent
from reports.models import DownloadRecord
from tests.visits.factories import ClientFactory

pytestmark = pytest.mark.django_db

MANY = 501


def test_the_pool_log_reaches_its_oldest_move(client_as, manager, team, salesperson):
    client = ClientFactory(salesperson=salesperson, name="客户")
    start = timezone.make_aware(dt.datetime(2026, 1, 1, 9, 0))
    PoolEvent.objects.bulk_create(
        PoolEvent(
            client=client,
            team=team,
            kind="returned_idle",
            at=start + dt.timedelta(minutes=i),
            salesperson=salesperson,
            status="visited",
        )
        for i in range(MANY)
    )
    c = client_as(manager)
    first = c.get(reverse("clientpool:log"))
    assert first.context["table"].paginator.count == MANY
    last_page = first.context["table"].paginator.num_pages
    oldest = c.get(reverse("clientpool:log") + f"?page={last_page}").content.decode()
    assert "2026-01-01 09:00" in oldest  # the 501st row, newest first
    assert "2026-01-01 09:00" not in first.content.decode()


def test_the_download_record_reaches_its_oldest_download(client_as, office, team):
    start = timezone.make_aware(dt.datetime(2026, 1, 1, 9, 0))
    DownloadRecord.objects.bulk_create(
        DownloadRecord(
            user=office,
            team=team,
            what=f"下载{i}",
            kind="xlsx",
            path="/x",
            at=start + dt.timedelta(minutes=i),
        )
        for i in range(MANY)
    )
    c = client_as(office)
    first = c.get(reverse("reports:downloads"))
    assert first.context["table"].paginator.count == MANY
    pages = first.context["table"].paginator.num_pages
    assert pages > 1
    oldest = c.get(reverse("reports:downloads") + f"?page={pages}").content.decode()
    assert "下载0<" in oldest and "下载0<" not in first.content.decode()
