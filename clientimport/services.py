"""Importing clients from an .xlsx file: preview every row's errors, then import all or nothing.

``import_preview`` reads the upload (clientimport.xlsx refuses a bad file as a whole), keeps it in
default storage, and runs the import machinery (clientimport.resources, django-import-export) as a
dry run, recording each bad row's errors. ``import_confirm`` runs it again on the kept file without
the excluded rows — the data may have changed since the preview — and imports in one transaction
only if no remaining row has an error: a failure anywhere rolls every row back. A confirmation posted
again (back button, double tap, retry) finds the import done and adds nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterable
from functools import partial
from typing import Any

import tablib
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from accounts.scoping import visible_team_ids
from salesops import clock
from salesops.services import ServiceError, data_changed, lock_and_check, now, require
from visits.models import Client

from . import rules, xlsx
from .models import ClientImport, ImportStatus
from .resources import ClientImportResource

SAMPLE_ROWS = 100
EXPIRED_MESSAGE = _("这个文件上传后 %(days)s 天未确认导入，已过期并删除，请重新上传。")


def keep_days() -> int:
    """How long an unconfirmed upload is kept (CLIENT_IMPORT_KEEP_DAYS, docs/design.md §Bad input)."""
    return int(getattr(settings, "CLIENT_IMPORT_KEEP_DAYS", 7))


class AlreadyImported(ServiceError):
    """The import was confirmed before: nothing is imported twice."""

    level = "info"


class RowsStillInvalid(ServiceError):
    """Rows that are not excluded have errors (now): nothing was imported."""


class ImportFailed(ServiceError):
    """Writing the clients failed part-way: every row was rolled back."""


def import_people(by: User) -> dict[str, User]:
    """Login name → the active salespeople the importer may give clients to."""
    people = User.objects.filter(role=Role.SALESPERSON, is_active=True, team__isnull=False)
    team_ids = visible_team_ids(by)
    if team_ids is not None:
        people = people.filter(team_id__in=team_ids)
    return {p.username: p for p in people}


def existing_phone_keys() -> set[str]:
    """Every live client's number key (``Client.phone_normalized``, E.164 by
    ``salesops.phones.phone_e164``): an imported row whose number is among them is a duplicate
    (firm-wide: one number, one owner)."""
    return set(
        Client.objects.live()
        .exclude(phone_normalized="")
        .values_list("phone_normalized", flat=True)
        .iterator()
    )


def _resource(by: User) -> ClientImportResource:
    return ClientImportResource(
        by=by, people=import_people(by), existing_phones=existing_phone_keys()
    )


def _errors(result: Any, dataset: tablib.Dataset) -> dict[int, list[str]]:
    """Excel row number → the row's error messages."""
    errors: dict[int, list[str]] = {}
    headers = dict(xlsx_headers())
    for invalid in result.invalid_rows:
        row = dataset[invalid.number - 1][0]
        messages = []
        for field, texts in invalid.error_dict.items():
            label = headers.get(field, "")
            messages += [f"{label}：{t}" if label else str(t) for t in texts]
        errors[row] = messages
    for number, row_errors in result.row_errors():
        errors.setdefault(dataset[number - 1][0], []).extend(str(e.error) for e in row_errors)
    return errors


def xlsx_headers() -> list[tuple[str, str]]:
    return [(key, str(header)) for key, header, _r in xlsx.COLUMNS]


def _validate(by: User, dataset: tablib.Dataset) -> dict[int, list[str]]:
    result = _resource(by).import_data(dataset, dry_run=True, use_transactions=False)
    return _errors(result, dataset)


PREVIEW_CHARS = 200


def _values(dataset: tablib.Dataset, index: int) -> dict[str, Any]:
    """A row as the preview keeps it: long text cut (the page shows 60 characters; the file keeps
    everything for the import)."""
    row = dict(zip(dataset.headers, dataset[index], strict=True))
    return {k: v[:PREVIEW_CHARS] if isinstance(v, str) else v for k, v in row.items()}


@transaction.atomic
def import_preview(*, by: User, data: bytes, file_name: str) -> ClientImport:
    """Check the file and every row; keep the file for the confirmation. Nothing is imported."""
    require(rules.may_import(by))
    try:
        sheet = xlsx.read(data)
    except xlsx.BadFile as exc:
        raise ServiceError(exc.message, field="file") from None
    errors = _validate(by, sheet.dataset)
    bad: list[dict[str, Any]] = []
    sample: list[dict[str, Any]] = []
    for index in range(len(sheet.dataset)):
        values = _values(sheet.dataset, index)
        if values[xlsx.ROW] in errors:
            bad.append({**values, "messages": errors[values[xlsx.ROW]]})
        elif len(sample) < SAMPLE_ROWS:
            sample.append(values)
    stored = default_storage.save(f"client-imports/{uuid.uuid4().hex}.xlsx", ContentFile(data))
    return ClientImport.objects.create(
        created_by=by,
        file_name=(file_name or "clients.xlsx")[:200],
        stored=stored,
        rows_total=sheet.rows,
        rows_invalid=len(bad),
        preview={"errors": bad, "sample": sample},
    )


def _dataset_without(dataset: tablib.Dataset, excluded: set[int]) -> tablib.Dataset:
    kept = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        if row[0] not in excluded:
            kept.append(row)
    return kept


@transaction.atomic
def import_confirm(
    *, by: User, batch: ClientImport, excluded: Iterable[int], expected_version: int
) -> ClientImport:
    """Import the previewed file without the excluded rows: every remaining row, or none."""
    require(rules.may_import(by) and (by.is_superuser or batch.created_by_id == by.pk))
    fresh = ClientImport.objects.select_for_update().get(pk=batch.pk)
    if fresh.status == ImportStatus.EXPIRED:
        raise ServiceError(EXPIRED_MESSAGE % {"days": keep_days()})
    if fresh.status == ImportStatus.IMPORTED:
        raise AlreadyImported(
            _("这个文件已经导入过（%(n)s 位客户），没有重复导入。") % {"n": fresh.imported_count}
        )
    fresh = lock_and_check(fresh, expected_version)
    try:
        with default_storage.open(fresh.stored, "rb") as handle:
            sheet = xlsx.read(handle.read())
    except (OSError, xlsx.BadFile):
        raise ServiceError(_("上传的文件已不可用，请重新上传。")) from None
    skip = set(excluded)
    dataset = _dataset_without(sheet.dataset, skip)
    if not len(dataset):
        raise ServiceError(_("所有行都被排除了，没有可导入的客户。"))
    # one run checks every row again and creates the clients in batches, inside this transaction:
    # a row with an error now, or any failure while writing, raises and rolls every row back
    result = _resource(by).import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
    )
    errors = _errors(result, dataset)
    if result.invalid_rows:
        rows = "、".join(str(r) for r in sorted(errors)[:20])
        raise RowsStillInvalid(
            _("第 %(rows)s 行有错误，请排除这些行后再导入；没有导入任何客户。") % {"rows": rows}
        )
    if result.has_errors():
        raise ImportFailed(_("导入失败，没有导入任何客户。请稍后重试或重新上传。"))
    fresh.status = ImportStatus.IMPORTED
    fresh.excluded = sorted(skip)
    fresh.imported_count = len(dataset)
    fresh.imported_at = clock.now()
    fresh.version += 1
    fresh.save()
    data_changed(None)  # new clients of any team the importer reaches
    return fresh


@transaction.atomic
def import_refresh(*, by: User, batch: ClientImport) -> ClientImport:
    """Check the kept file again (after the data changed): the preview shows today's errors."""
    require(rules.may_import(by) and (by.is_superuser or batch.created_by_id == by.pk))
    fresh = ClientImport.objects.select_for_update().get(pk=batch.pk)
    if fresh.status != ImportStatus.PREVIEWED:
        return fresh
    try:
        with default_storage.open(fresh.stored, "rb") as handle:
            sheet = xlsx.read(handle.read())
    except (OSError, xlsx.BadFile):
        return fresh
    errors = _validate(by, sheet.dataset)
    bad = []
    for index in range(len(sheet.dataset)):
        values = _values(sheet.dataset, index)
        if values[xlsx.ROW] in errors:
            bad.append({**values, "messages": errors[values[xlsx.ROW]]})
    fresh.preview = {**fresh.preview, "errors": bad}
    fresh.rows_invalid = len(bad)
    fresh.version += 1
    fresh.save()
    return fresh


def import_expire(*, at: dt.datetime | None = None) -> int:
    """Unconfirmed uploads older than ``keep_days()``: the file is deleted, the record kept as
    已过期 (who uploaded what, when, how many rows). Each row is locked and re-checked, so a
    confirmation at the same moment wins or loses whole, and running it twice expires nothing
    twice. Returns how many expired."""
    cutoff = (at or now()) - dt.timedelta(days=keep_days())
    expired = 0
    candidates = ClientImport.objects.filter(
        status=ImportStatus.PREVIEWED, created_at__lt=cutoff
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            batch = ClientImport.objects.select_for_update().get(pk=pk)
            if batch.status != ImportStatus.PREVIEWED or batch.created_at >= cutoff:
                continue
            stored = batch.stored
            batch.status = ImportStatus.EXPIRED
            batch.version += 1
            batch.save(update_fields=["status", "version"])
            if stored:
                # the file goes once the row says so; a storage hiccup leaves an orphan file,
                # never a record that points to nothing while claiming to be usable
                transaction.on_commit(partial(_delete_quietly, stored))
            expired += 1
    return expired


def _delete_quietly(name: str) -> None:
    with contextlib.suppress(OSError):
        default_storage.delete(name)
