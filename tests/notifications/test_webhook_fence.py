"""A robot webhook is somebody else's server: one deadline per attempt whatever it does, no
redirects, only https to public addresses (unless NOTIFY_WEBHOOK_ALLOW_PRIVATE) — checked in the
admin form and again on the address each send connects to."""

import time

import pytest

from notifications.admin import TeamChannelForm
from notifications.channels import ChannelError, _post_once, max_send_seconds, webhook_refusal


def test_a_dripping_server_is_cut_off_at_the_deadline(webhook, settings):
    settings.NOTIFY_HTTP_TIMEOUT = 1.0
    started = time.monotonic()
    with pytest.raises(ChannelError, match=r"timed out after 1 s"):
        _post_once(f"{webhook.base}/drip", {"msgtype": "text"}, 1.0)
    assert time.monotonic() - started < 2.5  # the drip would take 6 s


def test_redirects_are_not_followed(webhook):
    with pytest.raises(ChannelError, match="HTTP 302: redirects are not followed"):
        _post_once(f"{webhook.base}/redirect", {"msgtype": "text"}, 1.0)
    assert [c["path"] for c in webhook.calls] == ["/redirect"]  # /ok never asked


def test_the_sweep_lease_outlasts_the_longest_send(settings):
    import datetime as dt

    from django.utils import timezone

    from notifications.delivery import stale_before

    settings.NOTIFY_SENDING_STALE_MINUTES = 1
    settings.NOTIFY_HTTP_TIMEOUT = 60
    settings.NOTIFY_HTTP_ATTEMPTS = 3
    settings.NOTIFY_HTTP_BACKOFF = 0
    # three attempts of 60 s: a claim is not stale before 360 s, whatever the setting says
    assert timezone.now() - stale_before() >= dt.timedelta(seconds=359)


def test_a_send_is_bounded(settings):
    settings.NOTIFY_HTTP_TIMEOUT = 5
    settings.NOTIFY_HTTP_ATTEMPTS = 3
    settings.NOTIFY_HTTP_BACKOFF = 0.5
    assert max_send_seconds() == 5 * 3 + 0.5 * (1 + 2)
    # a send still under way is never taken over by the stale-sending sweep
    assert 10 * max_send_seconds() < settings.NOTIFY_SENDING_STALE_MINUTES * 60


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://robot.example.com/send", "Webhook 地址须以 https:// 开头。"),
        ("ftp://robot.example.com/send", "Webhook 地址须以 https:// 开头。"),
        ("https://127.0.0.1/send", "Webhook 地址不能指向本机、内网或保留地址。"),
        ("https://169.254.169.254/latest/meta-data", "Webhook 地址不能指向本机、内网或保留地址。"),
        ("https://10.1.2.3/send", "Webhook 地址不能指向本机、内网或保留地址。"),
        ("https://[::1]/send", "Webhook 地址不能指向本机、内网或保留地址。"),
        ("https://[::ffff:192.168.1.1]/send", "Webhook 地址不能指向本机、内网或保留地址。"),
        ("https://localhost/send", "Webhook 地址不能指向本机、内网或保留地址。"),
        ("https://user:pw@8.8.8.8/send", "Webhook 地址不能包含用户名或密码。"),
    ],
)
def test_refused_addresses(settings, url, message):
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    assert webhook_refusal(url) == message


def test_a_public_address_is_accepted(settings):
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    assert webhook_refusal("https://8.8.8.8/cgi-bin/webhook/send?key=abc") is None


def test_the_send_checks_the_connected_address(webhook, settings):
    """Even a URL that passed the form (or a name re-pointed later) is refused at the socket."""
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    https_local = webhook.base.replace("http://", "https://")
    with pytest.raises(ChannelError, match="refused address 127.0.0.1: not a public address"):
        _post_once(https_local + "/ok", {"msgtype": "text"}, 1.0)
    with pytest.raises(ChannelError, match="only https webhooks are allowed"):
        _post_once(webhook.base + "/ok", {"msgtype": "text"}, 1.0)
    assert webhook.calls == []


def test_the_admin_form_refuses_metadata_address(settings, team):
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    form = TeamChannelForm(
        data={
            "team": team.pk,
            "kind": "wecom",
            "webhook_url": "https://169.254.169.254/latest",
            "secret": "",
            "active": "on",
        }
    )
    assert not form.is_valid()
    assert form.errors["webhook_url"] == ["Webhook 地址不能指向本机、内网或保留地址。"]


def test_the_standard_library_seam_is_still_there():
    import http.client

    connection = http.client.HTTPConnection("example.com")
    assert callable(connection._create_connection)
