"""Thin views of the Excel import: upload → preview → confirm, and the template download."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from reports import services as report_services
from salesops.views import run_service
from visits.models import ClientSource, RiskPreference

from . import rules, services, xlsx
from .forms import ConfirmForm, UploadForm
from .models import ClientImport, ImportStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# what a multipart body adds around the file: boundary, headers, the CSRF token
MULTIPART_SLACK = 64 * 1024


ERRORS_PER_PAGE = 100


def _require(request) -> None:
    if not rules.may_import(request.user):
        raise PermissionDenied


def _imports(user):
    qs = ClientImport.objects.select_related("created_by")
    return qs if user.is_superuser else qs.filter(created_by=user)


def _upload_page(request, form: UploadForm, status: int = 200, error: str = ""):
    context = {
        "form": form,
        "error": error,
        "imports": list(_imports(request.user)[:20]),
        "max_mb": xlsx.max_bytes() // 1024 // 1024,
    }
    return render(request, "clientimport/upload.html", context, status=status)


@role_required(Role.MANAGER)
def upload_page(request):
    _require(request)
    return _upload_page(request, UploadForm())


@csrf_exempt
@require_POST
@role_required(Role.MANAGER)
def upload(request):
    """A body past the size limit is refused before it is read (so also before the CSRF check,
    which would read it): the page says so and nothing is stored. Otherwise CSRF applies as usual."""
    _require(request)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    refusal = xlsx.size_refusal(max(0, length - MULTIPART_SLACK))
    if refusal:
        response = _upload_page(request, UploadForm(), status=413, error=refusal)
        response["Connection"] = "close"
        return response
    return csrf_protect(_upload)(request)


def _upload(request):
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        refusal = xlsx.size_refusal(upload.size or 0)
        if refusal:
            form.add_error("file", refusal)
        else:
            previewed: list[ClientImport] = []
            if run_service(
                request,
                lambda: previewed.append(
                    services.import_preview(
                        by=request.user, data=upload.read(), file_name=upload.name or ""
                    )
                ),
                success="",  # the preview page is the answer
                form=form,
            ):
                return redirect("clientimport:preview", pk=previewed[0].pk)
    return _upload_page(request, form, status=400)


def _rows(batch: ClientImport) -> list[int]:
    """The row numbers the preview shows, which the confirmation may exclude."""
    preview = batch.preview or {}
    return [r["row"] for key in ("errors", "sample") for r in preview.get(key, [])]


def _error_rows(batch: ClientImport) -> list[int]:
    return [r["row"] for r in (batch.preview or {}).get("errors", [])]


@role_required(Role.MANAGER)
def preview(request, pk: int, form: ConfirmForm | None = None):
    _require(request)
    batch = get_object_or_404(_imports(request.user), pk=pk)
    errors = batch.preview.get("errors", [])
    # a file of 10,000 bad rows is 100 pages, not one page of megabytes (docs/design.md §Bad input)
    page = Paginator(errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "batch": batch,
        "errors": errors,
        "error_page": page,
        "sample": batch.preview.get("sample", []),
        "headers": services.xlsx_headers(),
        "form": form or ConfirmForm(initial={"version": batch.version}, rows=_rows(batch)),
        "importable": batch.rows_total - len(errors),
        "done": batch.status == ImportStatus.IMPORTED,
    }
    return render(request, "clientimport/preview.html", context, status=400 if form else 200)


@require_POST
@role_required(Role.MANAGER)
def confirm(request, pk: int):
    _require(request)
    batch = get_object_or_404(_imports(request.user), pk=pk)
    form = ConfirmForm(request.POST, rows=_rows(batch))
    if not form.is_valid():
        return preview(request, pk, form=form)

    def confirm_or_refresh() -> ClientImport:
        try:
            return services.import_confirm(
                by=request.user,
                batch=batch,
                # every row the preview found wrong stays out (they are paged, not all on the form)
                excluded=[*form.cleaned_data["exclude"], *_error_rows(batch)],
                expected_version=form.cleaned_data["version"],
            )
        except services.RowsStillInvalid:
            # nothing was imported (rolled back); the preview shows the rows' errors as they are now
            services.import_refresh(by=request.user, batch=batch)
            raise

    run_service(
        request,
        confirm_or_refresh,
        success=lambda done: (
            _("已导入 %(n)s 位客户，均为待拜访状态。") % {"n": done.imported_count}
        ),
    )
    return redirect("clientimport:preview", pk=pk)


@role_required(Role.MANAGER)
def template(request):
    _require(request)
    people = sorted(services.import_people(request.user).values(), key=lambda u: u.username)
    data = xlsx.template_bytes(
        salespeople=[(p.username, p.display_name) for p in people],
        sources=[str(label) for _c, label in ClientSource.choices],
        risks=[str(label) for _c, label in RiskPreference.choices],
    )
    report_services.download_record(
        by=request.user,
        what=_("客户导入模板"),
        kind="xlsx",
        path=request.get_full_path(),
        team_id=request.user.team_id,
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="client-import-template.xlsx"'
    return response
