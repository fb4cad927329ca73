"""deploy/: every timer starts a management command that exists; the units read one environment
file; nginx passes the request id and keeps health answers private."""

import configparser
import re
from pathlib import Path

from django.core.management import get_commands

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(re.sub(r"\\\n\s*", " ", path.read_text()))
    return parser


def test_every_timer_runs_an_existing_command():
    timers = sorted((DEPLOY / "systemd").glob("*.timer"))
    assert timers
    for timer in timers:
        unit = _unit(timer)["Timer"]["Unit"]
        template, _, command = unit.removesuffix(".service").partition("@")
        assert (DEPLOY / "systemd" / f"{template}@.service").is_file(), timer.name
        assert command in get_commands(), f"{timer.name}: no manage.py {command}"


def test_services_read_the_shared_environment_file():
    for service in (DEPLOY / "systemd").glob("*.service"):
        assert _unit(service)["Service"]["EnvironmentFile"] == "/etc/salesops/salesops.env"
    example = (DEPLOY / "systemd" / "salesops.env.example").read_text()
    for name in ("REDIS_URL", "S3_BUCKET", "DJANGO_LOG_JSON", "DJANGO_SERVER_NAME"):
        assert f"{name}=" in example


def test_nginx_passes_the_request_id_and_guards_health():
    conf = (DEPLOY / "nginx" / "salesops.conf").read_text()
    assert conf.count("proxy_set_header X-Request-ID $request_id;") == 2
    assert "proxy_request_buffering on;" in conf
    assert re.search(r"location ~ \^/\(healthz\|readyz\)\$ \{[^}]*deny all;", conf)
