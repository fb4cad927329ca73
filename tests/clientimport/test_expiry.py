"""Unconfirmed uploads expire after CLIENT_IMPORT_KEEP_DAYS (7): the file is deleted, the record kept
as 已过期; an expired import cannot be confirmed; imported ones keep their file; twice is once."""

import datetime as dt
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from clientimport import services
from clientimport.models import ClientImport, ImportStatus
from salesops.services import ServiceError
from visits.models import Client

from .conftest import make_xlsx

pytestmark = pytest.mark.django_db


def _upload(user, phone, days_ago):
    batch = services.import_preview(
        by=user, data=make_xlsx([("甲", phone, "sales1")]), file_name="c.xlsx"
    )
    ClientImport.objects.filter(pk=batch.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    batch.refresh_from_db()
    return batch


def test_old_unconfirmed_upload_expires(manager, salesperson, django_capture_on_commit_callbacks):
    old = _upload(manager, "13900000001", days_ago=8)
    recent = _upload(manager, "13900000002", days_ago=6)
    done = _upload(manager, "13900000003", days_ago=9)
    ClientImport.objects.filter(pk=done.pk).update(status=ImportStatus.IMPORTED)
    assert default_storage.exists(old.stored)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.import_expire() == 1
    old.refresh_from_db()
    assert old.status == ImportStatus.EXPIRED
    assert old.rows_total == 1 and old.file_name == "c.xlsx"  # the record stays
    assert not default_storage.exists(old.stored)
    assert default_storage.exists(recent.stored) and default_storage.exists(done.stored)
    assert ClientImport.objects.get(pk=recent.pk).status == ImportStatus.PREVIEWED

    with django_capture_on_commit_callbacks(execute=True):
        assert services.import_expire() == 0  # twice is once


def test_an_expired_import_cannot_be_confirmed(manager, salesperson):
    batch = _upload(manager, "13900000004", days_ago=10)
    services.import_expire()
    batch.refresh_from_db()
    with pytest.raises(
        ServiceError, match="这个文件上传后 7 天未确认导入，已过期并删除，请重新上传。"
    ):
        services.import_confirm(
            by=manager, batch=batch, excluded=[], expected_version=batch.version
        )
    assert not Client.objects.filter(phone="13900000004").exists()


def test_the_command(manager, salesperson):
    _upload(manager, "13900000005", days_ago=30)
    out = StringIO()
    call_command("expire_imports", stdout=out)
    assert "1 unconfirmed for 7 days expired" in out.getvalue()


def test_preview_of_many_bad_rows_is_paged_and_confirm_leaves_them_out(
    client_as, manager, salesperson
):
    rows = [("", f"139{i:08d}", "sales1") for i in range(250)]  # no name: every row is wrong
    rows.append(("好客户", "13800000999", "sales1"))
    batch = services.import_preview(by=manager, data=make_xlsx(rows), file_name="c.xlsx")
    assert batch.rows_invalid == 250
    browser = client_as(manager)
    first = browser.get(f"/imports/{batch.pk}/").content.decode()
    assert first.count('class="table-danger"') == 100
    assert "第 1 / 3 页" in first
    last = browser.get(f"/imports/{batch.pk}/?page=3").content.decode()
    assert last.count('class="table-danger"') == 50
    response = browser.post(
        f"/imports/{batch.pk}/confirm/", {"version": batch.version, "confirm": "1"}
    )
    assert response.status_code == 302
    assert Client.objects.filter(name="好客户").count() == 1
    assert ClientImport.objects.get(pk=batch.pk).imported_count == 1
