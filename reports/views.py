"""Report pages and downloads, submissions and the office's board. Thin: parse, scope, query, render."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role, Team
from accounts.permissions import role_required
from accounts.scoping import (
    get_visible_or_404,
    visible_salespeople,
    visible_team_ids,
    visible_teams,
    visible_to,
)
from ownership import services as ownership_services
from salesops import clock
from salesops.pdf import PdfTooSlow
from salesops.periods import Period
from salesops.views import paginate, parse_id, pdf_unavailable, run_create, run_service

from . import freshness, rules, services
from .definitions import REPORTS, ReportDef
from .forms import WeekSubmitForm
from .models import DownloadRecord, Submission
from .queries import ReportScope
from .render import to_pdf, to_xlsx
from .submissions import (
    STATE_LABELS,
    board_summary,
    due_at,
    latest_submission,
    state_of,
    status_board,
)
from .tables import DownloadRecordTable, report_table


def _requires(action: str):
    """View decorator: anonymous → login page; a user whose role may not take ``action`` → 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            rules.check(request.user, action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _defn(code: str) -> ReportDef:
    if code not in REPORTS:
        raise Http404
    return REPORTS[code]


def _bad_request(request, message: str) -> HttpResponse:
    return HttpResponseBadRequest(
        render_to_string("400.html", {"message": message}, request=request)
    )


def _scope(request) -> tuple[ReportScope, str]:
    """The team / salesperson filters from the query string; outside the user's scope → 404."""
    user = request.user
    team_id = person_id = None
    labels = []
    if request.GET.get("team"):
        team = get_visible_or_404(user, Team.objects.all(), pk=_int(request.GET["team"]))
        team_id = team.pk
        labels.append(team.name)
    if request.GET.get("salesperson"):
        person = (
            visible_salespeople(user).filter(is_active=True, pk=_int(request.GET["salesperson"]))
        ).first()
        if person is None:
            raise Http404
        person_id = person.pk
        labels.append(person.display_name)
    return ReportScope(user, team_id=team_id, salesperson_id=person_id), "、".join(labels)


def _row_count(rows: Any) -> int | None:
    if isinstance(rows, (list, tuple)):
        return len(rows)
    count = getattr(rows, "count", None)
    return count() if callable(count) else None


def _full_numbers(rows: Any) -> int:
    """How many full (unmasked) client numbers the rows of a file hold."""
    count = 0
    for row in rows if isinstance(rows, Iterable) else ():
        phone = row.get("phone") if isinstance(row, dict) else None
        if phone and "*" not in str(phone):
            count += 1
    return count


def _record(request, *, what: str, kind: str, scope: ReportScope, filters: str, rows) -> None:
    """Every report file handed out is on record: the data's team is the filter's, else the
    filtered person's, else the asker's own team (a manager's report covers it); None for the
    office's and administrators' unfiltered downloads (every team). A file holding full client
    numbers is also one reveal on record, with how many (docs/design.md §Downloads and reveals)."""
    team_id = scope.team_id
    if team_id is None and scope.salesperson_id:
        team_id = visible_salespeople(request.user).get(pk=scope.salesperson_id).team_id
    if team_id is None and visible_team_ids(request.user) is not None:
        team_id = request.user.team_id
    services.download_record(
        by=request.user,
        what=what,
        kind=kind,
        path=request.get_full_path(),
        team_id=team_id,
        filters=filters,
        rows=_row_count(rows),
    )
    ownership_services.file_reveal(
        by=request.user, file=f"{what} ({kind})", numbers=_full_numbers(rows)
    )


def _int(value: str) -> int:
    number = parse_id(value)
    if number is None:
        raise Http404
    return number


# the query-string keys a report page understands; a page with any other is drawn, not cached
TABLE_KEYS = {"team", "salesperson", "sort", "page", "per_page"}


def _table_variant(request) -> str | None:
    """The cache variant of a report table: its query string, when it holds only known keys."""
    if not set(request.GET) <= TABLE_KEYS or any(
        len(values) > 1 or len(values[0]) > 40 for _k, values in request.GET.lists()
    ):
        return None
    return "&".join(f"{k}={request.GET[k]}" for k in sorted(request.GET))


@_requires("view")
def index(request):
    today = clock.today()
    week, month = Period.last_complete("week", today), Period.last_complete("month", today)
    items = [(d, week if d.period_kind == "week" else month) for d in REPORTS.values()]
    return render(request, "reports/index.html", {"items": items, "week": week, "month": month})


@_requires("view")
def report_latest(request, code: str):
    defn = _defn(code)
    period = Period.last_complete(defn.period_kind, clock.today())
    return redirect("reports:report", code=code, period=period.key)


@_requires("view")
def report(request, code: str, period: str):
    defn = _defn(code)
    try:
        p = Period.parse(period)
    except ValueError as exc:
        return _bad_request(request, str(exc))
    if p.kind != defn.period_kind:
        return _bad_request(
            request,
            _("「%(title)s」按%(kind)s统计，请使用%(kind)s期间。")
            % {"title": defn.title, "kind": _("周") if defn.period_kind == "week" else _("月")},
        )
    scope, filters = _scope(request)
    fmt_ = request.GET.get("format")
    if fmt_ and fmt_ not in ("xlsx", "pdf"):
        return _bad_request(request, _("不支持的格式：%(f)s（可选 xlsx 或 pdf）。") % {"f": fmt_})
    action = "export" if fmt_ else "view"
    meta, rows = services.build(defn, p, scope, filters=filters, action=action)
    filename = f"{defn.code}-{p.key}"
    if fmt_:
        _record(
            request,
            what=f"{defn.title} {p.key}",
            kind=fmt_,
            scope=scope,
            filters=filters,
            rows=rows,
        )
    if fmt_ == "xlsx":
        response = HttpResponse(
            to_xlsx([(defn, meta, rows)]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    if fmt_ == "pdf":
        try:
            pdf = to_pdf(defn, meta, rows)
        except PdfTooSlow as exc:
            query = request.GET.copy()
            query["format"] = "xlsx"
            return pdf_unavailable(request, exc.message, f"{request.path}?{query.urlencode()}")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    can_submit = rules.may_submit(request.user, request.user.team_id)
    due = due_at(p, code)
    submission = latest_submission(request.user.team_id, code, p) if can_submit else None
    state = state_of(submission, due, clock.now()) if can_submit else ""
    table = report_table(defn, rows)
    may_filter = rules.may(request.user, "filter")

    def draw() -> str:
        paginate(request, table, per_page=50)
        return table.as_html(request)

    table_html = freshness.fragment(
        defn.code, p, replace(scope, masked_phones=True), _table_variant(request), draw
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("sort", None)
    return render(
        request,
        "reports/report.html",
        {
            "defn": defn,
            "period": p,
            "table_html": table_html,
            "meta": meta,
            "row_count": len(rows),
            "prev": p.previous(),
            "next": p.next(),
            "filter_query": query.urlencode(),
            "teams": visible_teams(request.user) if may_filter else [],
            "people": visible_salespeople(request.user)
            .filter(is_active=True)
            .order_by("team__name", "full_name")
            if may_filter
            else [],
            "team_id": scope.team_id,
            "salesperson_id": scope.salesperson_id,
            "can_submit": can_submit,
            "due": due,
            "submission": submission,
            "submission_state": STATE_LABELS[state] if state else "",
            "submission_state_code": state,
        },
    )


def _period_or_400(request, period: str, kind: str | None = None):
    try:
        p = Period.parse(period)
    except ValueError as exc:
        return None, _bad_request(request, str(exc))
    if kind and p.kind != kind:
        return None, _bad_request(request, _("请使用周期间，例如 2026-W48。"))
    return p, None


@require_POST
@_requires("submit")
def submit(request, code: str, period: str):
    defn = _defn(code)
    p, error = _period_or_400(request, period, defn.period_kind)
    if error:
        return error
    team = get_visible_or_404(request.user, Team.objects.all(), pk=request.user.team_id or 0)
    run_service(
        request,
        lambda: services.submission_create(team=team, code=code, period=p, by=request.user),
        success=_("「%(title)s」%(period)s 已上报办公室。")
        % {"title": defn.title, "period": p.label},
    )
    return redirect("reports:report", code=code, period=p.key)


@require_POST
@_requires("submit")
def submit_week(request, period: str):
    """One click: the week's reporting round to the office — the week's statistics (3, 5) and the
    coming week's plan table (1) — all in one transaction or none (``services.week_submit``); the
    board's button carries a one-time key, so a repeated POST freezes nothing again."""
    p, error = _period_or_400(request, period, "week")
    if error:
        return error
    team = get_visible_or_404(request.user, Team.objects.all(), pk=request.user.team_id or 0)
    form = WeekSubmitForm(request.POST)
    form.is_valid()  # the key is optional and its only field: a malformed one is no key
    run_create(
        request,
        lambda: services.week_submit(team=team, period=p, by=request.user)[0],
        success=_("%(period)s 的周报表已全部上报办公室。") % {"period": p.label},
        form=form,
        then=lambda _sub: None,
    )
    for error_message in form.non_field_errors():
        messages.error(request, error_message)
    return redirect("reports:board")


@_requires("view")
def pack(request, period: str):
    """This week's pack: the weekly reports in one workbook, one sheet each."""
    p, error = _period_or_400(request, period, "week")
    if error:
        return error
    scope, filters = _scope(request)
    sheets = []
    for defn in REPORTS.values():
        if defn.period_kind == "week":
            meta, rows = services.build(defn, p, scope, filters=filters, action="export")
            sheets.append((defn, meta, rows))
    _record(
        request,
        what=_("周报表合集 %(period)s") % {"period": p.key},
        kind="xlsx",
        scope=scope,
        filters=filters,
        rows=[row for _defn_, _meta, rows in sheets for row in rows],
    )
    response = HttpResponse(
        to_xlsx(sheets),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="weekly-pack-{p.key}.xlsx"'
    return response


@_requires("board")
def board(request):
    rows = status_board(request.user)
    week_defs = [d for d in REPORTS.values() if d.period_kind == "week"]
    month_defs = [d for d in REPORTS.values() if d.period_kind == "month"]
    return render(
        request,
        "reports/board.html",
        {
            "sections": [
                (
                    _("周报表"),
                    _("每周一：本周方案表 10:00 前，上周统计表 12:00 前"),
                    week_defs,
                    [b for b in rows if b["period"].kind == "week"],
                ),
                (
                    _("月报表"),
                    _("每月 3 日 18:00 前：本月方案表与上月统计表"),
                    month_defs,
                    [b for b in rows if b["period"].kind == "month"],
                ),
            ],
            "summary": board_summary(rows),
            "labels": STATE_LABELS,
            "last_week": Period.last_complete("week", clock.today()),
            "week_form": WeekSubmitForm(),
        },
    )


def _submission(request, pk: int) -> Submission:
    return get_visible_or_404(request.user, Submission.objects.select_related("team"), pk=pk)


@_requires("board")
def download(request, pk: int, kind: str):
    sub = _submission(request, pk)
    if kind not in ("xlsx", "pdf"):
        raise Http404
    field = sub.xlsx if kind == "xlsx" else sub.pdf
    services.download_record(
        by=request.user,
        what=_("已上报：%(title)s %(period)s")
        % {"title": _defn(sub.code).title, "period": sub.period_key},
        kind=kind,
        path=request.get_full_path(),
        team_id=sub.team_id,
        filters=sub.team.name,
        rows=sub.rows,
    )
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=f"{sub.code}-{sub.period_key}-{sub.team.name}.{kind}",
    )


@require_POST
@_requires("acknowledge")
def acknowledge(request, pk: int):
    sub = _submission(request, pk)
    run_service(
        request,
        lambda: services.submission_acknowledge(submission=sub, by=request.user),
        success=_("已签收：%(team)s %(title)s %(period)s。")
        % {"team": sub.team.name, "title": REPORTS[sub.code].title, "period": sub.period_key},
    )
    return redirect("reports:board")


@role_required(Role.MANAGER, Role.OFFICE)
def downloads(request):
    """下载记录: every file handed out — the manager's own team's, the office and administrators all."""
    records = visible_to(
        request.user, DownloadRecord.objects.select_related("user", "team")
    ).order_by("-at", "-pk")
    table = DownloadRecordTable(records)
    paginate(request, table, per_page=50)
    return render(request, "reports/downloads.html", {"records": records, "table": table})
