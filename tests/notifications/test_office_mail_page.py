"""The office sees every mail that was sent or failed in the app (邮件记录), not only in the admin."""

import pytest
from django.urls import reverse

from notifications.models import Delivery, Notification, ScheduledMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def mails(salesperson):
    ScheduledMail.objects.create(
        kind="weekly_pack",
        subject="accounts.team:1",
        period="2026-W49",
        address="office@example.com",
        status="sent",
        title="【周报表合集】营销一部 2026-W49",
        attachments=["weekly-pack-2026-W49-营销一部.xlsx", "weekly-sales-2026-W49-营销一部.pdf"],
    )
    ScheduledMail.objects.create(
        kind="submission",
        subject="reports.submission:9",
        period="2026-11",
        address="office@example.com",
        status="failed",
        attempts=3,
        title="【报表上报】营销一部 销售情况月统计表 2026-11",
        error="SMTPRecipientsRefused: office@example.com",
    )
    note = Notification.objects.create(
        kind="revisit_overdue", subject="visits.client:1", recipient=salesperson
    )
    Delivery.objects.create(notification=note, channel="email", status="failed", error="timeout")


def test_the_office_sees_each_mail_with_its_attachments_status_and_error(client_as, office, mails):
    page = client_as(office).get(reverse("notifications:office_mail"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "【周报表合集】营销一部 2026-W49" in html
    assert "weekly-pack-2026-W49-营销一部.xlsx" in html
    assert "office@example.com" in html
    assert "已发送" in html and "发送失败" in html
    assert "SMTPRecipientsRefused: office@example.com" in html
    assert "二次回访已逾期" in html and "timeout" in html  # a person's notification mail
    # in the office's menu
    assert f'href="{reverse("notifications:office_mail")}"' in html


def test_the_list_is_paged(client_as, office):
    for n in range(30):
        ScheduledMail.objects.create(
            kind="submission",
            subject=f"reports.submission:{n}",
            address="o@example.com",
            title=f"报表 {n:02d}",
        )
    url = reverse("notifications:office_mail")
    first = client_as(office).get(url).content.decode()
    second = client_as(office).get(url, {"m-page": 2}).content.decode()
    assert "报表 29" in first and "报表 00" not in first
    assert "报表 00" in second


@pytest.mark.parametrize("who", ["manager", "salesperson", "leader"])
def test_only_the_office(client_as, request, who):
    user = request.getfixturevalue(who)
    assert client_as(user).get(reverse("notifications:office_mail")).status_code == 403
