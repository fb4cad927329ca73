"""What every app's views share: the one way a view calls a service, and reading a query string."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.paginator import EmptyPage
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_tables2 import Table

from accounts.models import User
from salesops.forms import MAX_COUNT, MAX_DAY, MIN_DAY, SUBMISSION_KEY, VersionedForm
from salesops.models import Submission
from salesops.services import ServiceError, StaleVersion

ID_PATTERN = re.compile(r"[0-9]{1,10}")


def apply_error(form: forms.BaseForm, error: ServiceError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
    form.refusal = error  # type: ignore[attr-defined]  # the page may offer a way on (a link)


def run_service(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    success: str | Callable[[Any], str],
    form: forms.BaseForm | None = None,
) -> bool:
    """Call one service and say how it went. True when the view should redirect (done, or the row
    changed meanwhile: the redirect shows its current state); False when it should show the form
    again with the refusal (beside the field, above the form, or as a message without a form, at
    the refusal's ``level``). ``success`` may be worded from what the service returned."""
    try:
        done = action()
    except StaleVersion as exc:
        messages.warning(request, exc.message)
        return True
    except ServiceError as exc:
        if form is not None:
            apply_error(form, exc)
        elif exc.level == "info":
            messages.info(request, exc.message)
        else:
            messages.error(request, exc.message)
        return False
    said = success(done) if callable(success) else success
    if said:  # "": the page the view redirects to is the answer
        messages.success(request, said)
    return True


ALREADY_SAVED = _("这份表单已经提交过，没有重复保存；这里显示的是第一次保存的记录。")


def _user(request: HttpRequest) -> User:
    """The signed-in user (every view that runs a service requires a login)."""
    return cast(User, request.user)


def _first_submission(request: HttpRequest, key: Any) -> Any:
    prior = Submission.objects.filter(key=key, user=_user(request)).first()
    return prior.target if prior is not None else None


def run_create(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    success: str | Callable[[Any], str],
    form: forms.BaseForm,
    then: Callable[[Any], HttpResponse],
) -> HttpResponse | None:
    """``run_service`` for a create form with a one-time key (``salesops.forms.OnceMixin``).

    The first POST of a key runs the service and records key → user → the object it returned in the
    same transaction; ``then(obj)`` is the response (a redirect to the record). A POST repeating the
    key creates nothing and answers ``then`` with the object saved the first time. None: show the
    form again with the refusal. A stale version is a message and ``then`` of nothing."""
    key = form.cleaned_data.get(SUBMISSION_KEY)
    if key:
        first = _first_submission(request, key)
        if first is not None:
            messages.info(request, ALREADY_SAVED)
            return then(first)
    try:
        with transaction.atomic():
            created = action()
            if key:
                Submission.objects.create(key=key, user=_user(request), target=created)
    except IntegrityError:
        # the same key posted twice at once: the other request saved first and this one rolled back
        first = _first_submission(request, key) if key else None
        if first is None:
            if key and Submission.objects.filter(key=key).exists():  # someone else's key
                form.add_error(None, _("页面已过期，请刷新后重试。"))
                return None
            raise
        messages.info(request, ALREADY_SAVED)
        return then(first)
    except StaleVersion as exc:
        messages.warning(request, exc.message)
        return then(None)
    except ServiceError as exc:
        apply_error(form, exc)
        return None
    messages.success(request, success(created) if callable(success) else success)
    return then(created)


def posted_version(request: HttpRequest) -> int:
    """The version a POST-only button carries (its row as the user saw it). Called inside the
    action given to ``run_service``, so a missing or forged one is refused with a message."""
    form = VersionedForm(request.POST)
    if not form.is_valid():
        raise ServiceError(str(next(iter(form.errors.values()))[0]))
    return form.cleaned_data["version"]


def redirect_to(viewname: str, *args: Any, **query: Any) -> Any:
    """A redirect to a named URL with a query string: ``redirect_to("plans:month", month="2026-11")``."""
    url = reverse(viewname, args=args)
    return redirect(f"{url}?{urlencode(query)}" if query else url)


def parse_day(value: str | None, default: dt.date) -> dt.date:
    """A day from a query string (``?date=2026-11-27``); the default when absent, malformed or
    outside 2000–2099 (where week and month arithmetic would overflow)."""
    try:
        day = dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default
    return day if MIN_DAY <= day <= MAX_DAY else default


def parse_id(value: str | None) -> int | None:
    """A row id from a query string (``?client=12``): ASCII digits that fit the database's integer,
    else None. ``str.isdigit`` is not enough: it accepts ``²`` and ``١٢``, which ``int()`` refuses or
    reads as another number."""
    if value and ID_PATTERN.fullmatch(value):
        number = int(value)
        if 0 < number <= MAX_COUNT:
            return number
    return None


MAX_PER_PAGE = 200


def paginate(request: HttpRequest, table: Table, *, per_page: int) -> None:
    """Sort and page a django-tables2 table from the query string (``?sort=``, ``?page=``,
    ``?per_page=``), as ``RequestConfig`` does, but a crafted page size or number (negative, zero,
    huge, not a number) falls back to the default or the nearest page instead of failing."""
    table.request = request
    order_by = request.GET.getlist(table.prefixed_order_by_field)
    if order_by:
        table.order_by = order_by
    size = parse_id(request.GET.get(table.prefixed_per_page_field)) or per_page
    number = parse_id(request.GET.get(table.prefixed_page_field)) or 1
    try:
        table.paginate(per_page=min(size, MAX_PER_PAGE), page=number)
    except EmptyPage:
        table.paginate(per_page=min(size, MAX_PER_PAGE), page=table.paginator.num_pages)


def pdf_unavailable(request: HttpRequest, message: str, excel_url: str = "") -> HttpResponse:
    """A PDF that ran past its time budget (``salesops.pdf.PdfTooSlow``): a 503 page that says so and
    offers the Excel, which always has everything, instead of a worker timeout for everyone."""
    response = render(
        request, "pdf_unavailable.html", {"message": message, "excel_url": excel_url}, status=503
    )
    response["Retry-After"] = "120"
    return response
