"""Views every app shares (the home page) and the one way a view calls a service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from accounts import queries as accounts_queries
from meetings import queries as meetings_queries
from plans import queries as plans_queries
from reports import submissions as reports_submissions
from salesops.forms import VersionedForm
from salesops.services import ServiceError, StaleVersion
from visits import queries as visits_queries

HOME_TEMPLATES = {
    "salesperson": "home/salesperson.html",
    "analyst": "home/analyst.html",
    "manager": "home/manager.html",
    "office": "home/office.html",
    "leader": "home/leader.html",
}


@login_required
def home(request):
    user = request.user
    if user.setup_problem:
        return render(request, "home/incomplete.html", {"problem": user.setup_problem})
    template = HOME_TEMPLATES.get(user.role, "home/admin.html")
    context = {}
    for queries in (
        accounts_queries,
        visits_queries,
        plans_queries,
        reports_submissions,
        meetings_queries,
    ):
        context.update(queries.home_context(user))
    return render(request, template, context)


def apply_error(form: forms.BaseForm, error: ServiceError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def run_service(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    success: str,
    form: forms.BaseForm | None = None,
) -> bool:
    """Call one service and say how it went. True when the view should redirect (done, or the row
    changed meanwhile: the redirect shows its current state); False when it should show the form
    again with the refusal (beside the field, above the form, or as a message without a form)."""
    try:
        action()
    except StaleVersion as exc:
        messages.warning(request, exc.message)
        return True
    except ServiceError as exc:
        if form is not None:
            apply_error(form, exc)
        else:
            messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


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
    """A day from a query string (``?date=2026-11-27``); the default when absent or malformed."""
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default
