"""What gunicorn serves during `make load`: the app (salesops.wsgi), plus the floor.

The floor, /_load/floor/, is bare Django in the same worker processes: Django's own request and
response cycle, URL resolution and a tiny template — no middleware (sessions, CSRF, auth, CSP, …)
and no database. The app's pages divided by it is the ratio the README reports. Only this module
serves it; the deployed salesops.wsgi has no such URL."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salesops.settings")

from django.core.handlers.exception import convert_exception_to_response  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402

from salesops.wsgi import application as app  # noqa: E402

PAGE = engines["django"].from_string(
    "<!doctype html><html lang=zh><title>floor</title><p>{{ text }} {{ n }}</p></html>"
)


def floor(request):
    return HttpResponse(PAGE.render({"text": "底线", "n": 1}))


urlpatterns = [path("_load/floor/", floor)]


class FloorHandler(WSGIHandler):
    """Django's handler with no middleware and this module's one URL."""

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


floor_app = FloorHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/_load/floor/":
        return floor_app(environ, start_response)
    return app(environ, start_response)
