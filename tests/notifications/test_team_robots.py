"""团队群机器人 (issue 24): the manager sets the team's WeCom/DingTalk robot on a page and sends a
test message (success, or the failure's reason); a channel that is not configured is not offered on
the notification settings page."""

import pytest
from django.urls import reverse

from notifications import channels
from notifications.models import TeamChannel
from notifications.services import team_robot_save
from salesops.services import ServiceError

pytestmark = pytest.mark.django_db

URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"


def test_the_manager_sets_the_teams_robot_on_a_page(client_as, manager):
    c = client_as(manager)
    assert c.get(reverse("notifications:team_robots")).status_code == 200
    response = c.post(
        reverse("notifications:team_robots"),
        {"kind": "dingtalk", "webhook_url": URL, "secret": "SEC1", "active": "on"},
        follow=True,
    )
    assert "群机器人已保存" in response.content.decode()
    robot = TeamChannel.objects.get()
    assert (robot.team, robot.kind, robot.secret, robot.active) == (
        manager.team,
        "dingtalk",
        "SEC1",
        True,
    )
    assert reverse("notifications:team_robots") in c.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://example.com/x", "Webhook 地址须以 https:// 开头。"),
        ("https://169.254.169.254/latest", "Webhook 地址不能指向本机、内网或保留地址。"),
    ],
)
def test_a_plain_http_or_private_webhook_is_refused(manager, settings, url, message):
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    with pytest.raises(ServiceError, match=message):
        team_robot_save(team=manager.team, by=manager, kind="wecom", webhook_url=url)
    assert not TeamChannel.objects.exists()


def test_the_test_message_says_success_or_the_reason(client_as, manager, monkeypatch):
    robot = TeamChannel.objects.create(team=manager.team, kind="wecom", webhook_url=URL)
    sent = []
    monkeypatch.setattr(channels, "send_robot", lambda **kw: sent.append(kw) or 1)
    c = client_as(manager)
    url = reverse("notifications:team_robot_test", args=[robot.pk])
    assert "测试消息已发送" in c.post(url, follow=True).content.decode()
    assert sent[0]["webhook_url"] == URL and sent[0]["kind"] == "wecom"

    def fail(**kw):
        raise channels.ChannelError("errcode 93000: invalid webhook url")

    monkeypatch.setattr(channels, "send_robot", fail)
    body = c.post(url, follow=True).content.decode()
    assert "发送失败：errcode 93000: invalid webhook url" in body


def test_another_teams_robot_is_not_found(client_as, other_manager, manager):
    robot = TeamChannel.objects.create(team=manager.team, kind="wecom", webhook_url=URL)
    url = reverse("notifications:team_robot_test", args=[robot.pk])
    assert client_as(other_manager).post(url).status_code == 404


def test_an_unconfigured_robot_is_not_offered_in_the_settings(client_as, salesperson, manager):
    c = client_as(salesperson)
    body = c.get(reverse("notifications:preferences")).content.decode()
    assert 'name="team_robot"' not in body
    assert "您的团队还没有设置群机器人" in body
    TeamChannel.objects.create(team=salesperson.team, kind="wecom", webhook_url=URL)
    body = c.get(reverse("notifications:preferences")).content.decode()
    assert 'name="team_robot"' in body
