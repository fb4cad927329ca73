"""Input no person types: control characters, and HTTP methods no page answers.

docs/design.md §Bad input: NUL and the other C0 control characters except tab, CR and LF are refused —
with 400 in a query string (before any view, filter or database sees them: PostgreSQL refuses a NUL
in a text parameter with an error, which would otherwise be a 500), and with a form error on the
field in a form (``control_characters_validator``, added to every text field of the toolkit's forms
by ``salesops.forms.CrispyMixin``). TRACE, TRACK and CONNECT are answered 405 on every path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# C0 controls (0x00–0x1F) except tab (0x09), LF (0x0A) and CR (0x0D), and DEL (0x7F)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
REFUSED_METHODS = frozenset({"TRACE", "TRACK", "CONNECT"})


def has_control_characters(text: str) -> bool:
    return bool(CONTROL.search(text))


@deconstructible
class ControlCharactersValidator:
    """A form field's error for a control character (NUL included) in typed text."""

    message = gettext_lazy("内容含有不可见的控制字符，请删除后重新输入。")
    code = "control_characters"

    def __call__(self, value: object) -> None:
        if isinstance(value, str) and has_control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharactersValidator)

    def __hash__(self) -> int:
        return hash(self.code)


control_characters_validator = ControlCharactersValidator()


def query_has_control_characters(query_string: str) -> bool:
    """The raw query string, percent-decoded (``+`` is a space and harmless), holds a control."""
    if not query_string:
        return False
    return bool(CONTROL_BYTES.search(unquote_to_bytes(query_string)))


class BadInputMiddleware:
    """400 for a query string with control characters, 405 for TRACE/TRACK/CONNECT — both in the
    user's language (after LocaleMiddleware) and before the session, the views or the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in REFUSED_METHODS:
            response = HttpResponse(_("不支持该请求方式。"), status=405, content_type="text/plain")
            response["Allow"] = "GET, HEAD, POST, OPTIONS"
            return response
        if query_has_control_characters(request.META.get("QUERY_STRING", "")):
            message = _("网址中含有不可见的控制字符，无法处理。请返回上一页重新操作。")
            body: str
            try:
                body = render_to_string("400.html", {"message": message}, request=request)
            except Exception:  # the page needs the session/user; a bare answer still says why
                body = str(message)
            return HttpResponse(body, status=400)
        return self.get_response(request)
