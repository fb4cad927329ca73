"""The installable app: the web app manifest and the service worker (static/js/sw.js is its code;
this module serves it from the site root, so that its scope is the whole site, with the release's
version and the list of what it keeps for offline use).

The version is a hash of every precached asset's URL and content: ManifestStaticFilesStorage puts
each file's hash in its URL, so a release that changes any asset changes the version, the service
worker is replaced and the old caches are deleted — no release leaves an old page stuck in a cache.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from django.utils.translation import gettext as _

# what every page loads (base.html) and what the offline pages need
PRECACHE = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
    "vendor/bootstrap-icons/fonts/bootstrap-icons.woff",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "vendor/echarts/echarts.min.js",
    "css/app.css",
    "js/app.js",
    "js/charts.js",
    "js/offline.js",
    "js/checkin.js",
    "js/visit_form.js",
    "js/client_search.js",
    "favicon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
)
WORKER_SOURCE = "js/sw.js"
THEME_COLOR = "#0b4f8a"


def offline_pages() -> list[str]:
    """The salesperson's pages kept for offline use (network first, the last copy when offline):
    home (with today's plan), the client list, the visit list and the 记录拜访 form."""
    return [
        reverse("home"),
        reverse("visits:client_list"),
        reverse("visits:visit_list"),
        reverse("visits:visit_log"),
    ]


def _content(name: str) -> bytes:
    found = finders.find(name)
    if found:
        return Path(str(found)).read_bytes()
    try:
        with staticfiles_storage.open(name) as f:
            return f.read()
    except (OSError, ValueError):
        return b""


@lru_cache(maxsize=1)
def release() -> str:
    digest = hashlib.sha256(getattr(settings, "RELEASE", "").encode())
    for name in (*PRECACHE, WORKER_SOURCE):
        digest.update(staticfiles_storage.url(name).encode())
        digest.update(hashlib.sha256(_content(name)).digest())
    digest.update(json.dumps(offline_pages()).encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def worker_script() -> str:
    config = {
        "version": release(),
        "assets": [staticfiles_storage.url(name) for name in PRECACHE],
        "pages": offline_pages(),
        "offline": reverse("fieldwork:offline"),
        "login": reverse("accounts:login"),
        "static": settings.STATIC_URL
        if settings.STATIC_URL.startswith("/")
        else "/" + settings.STATIC_URL,
    }
    code = _content(WORKER_SOURCE).decode()
    return f"self.SALESOPS = {json.dumps(config)};\n{code}"


def manifest() -> dict:
    return {
        "name": _("营销管理 · salesops"),
        "short_name": _("营销管理"),
        "description": _("记录拜访、外勤签到、查看今日计划和客户，弱网和离线也能用。"),
        "lang": "zh-CN",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": "#ffffff",
        "icons": [
            {
                "src": staticfiles_storage.url(f"icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in (192, 512)
        ],
        "shortcuts": [
            {"name": _("记录拜访"), "url": reverse("visits:visit_log")},
            {"name": _("客户"), "url": reverse("visits:client_list")},
        ],
    }
