"""migrate_files_to_storage copies every local file into the store, verified, idempotently;
ops.once.claim lets one server of many run a scheduled job."""

import hashlib
from io import StringIO

import boto3
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from moto import mock_aws

from ops.models import JobRun
from ops.once import claim
from salesops.settings import default_storage_from_env
from tests.concurrency import race


@pytest.fixture
def local_files(settings):
    root = settings.MEDIA_ROOT
    files = {
        "submissions/2026/11/weekly-work.xlsx": b"PK\x03\x04 xlsx bytes",
        "submissions/2026/11/weekly-work.pdf": b"%PDF-1.7 frozen",
        "training/2026/10/材料.pdf": b"%PDF material",
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return files


@pytest.fixture
def target_dir(settings, tmp_path):
    target = tmp_path / "store"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(target)},
        },
    }
    return target


def _run(*args):
    out = StringIO()
    call_command("migrate_files_to_storage", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_copies_every_file_under_its_name_then_skips_them(local_files, target_dir, settings):
    assert "copied 3, already stored 0, conflicts 0" in _run()
    for name, data in local_files.items():
        assert (target_dir / name).read_bytes() == data
        assert (settings.MEDIA_ROOT / name).read_bytes() == data  # nothing removed locally
    assert "copied 0, already stored 3, conflicts 0" in _run()


def test_dry_run_copies_nothing(local_files, target_dir):
    assert "would copy 3" in _run("--dry-run")
    assert not target_dir.exists() or not any(target_dir.rglob("*.pdf"))


def test_different_content_is_never_overwritten(local_files, target_dir):
    name = "submissions/2026/11/weekly-work.pdf"
    (target_dir / name).parent.mkdir(parents=True)
    (target_dir / name).write_bytes(b"another file")
    with pytest.raises(CommandError, match="1 files differ"):
        _run()
    assert (target_dir / name).read_bytes() == b"another file"
    assert (target_dir / "submissions/2026/11/weekly-work.xlsx").exists()  # the rest copied


def test_into_an_object_store(local_files, settings):
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="salesops-files")
        settings.STORAGES = {
            **settings.STORAGES,
            "default": default_storage_from_env(
                {"S3_BUCKET": "salesops-files", "S3_REGION": "us-east-1", "S3_PREFIX": "media"}
            ),
        }
        assert "copied 3" in _run()
        for name, data in local_files.items():
            body = s3.get_object(Bucket="salesops-files", Key=f"media/{name}")["Body"].read()
            assert hashlib.sha256(body).digest() == hashlib.sha256(data).digest()
        assert "already stored 3" in _run()


def test_missing_source_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not a directory"):
        _run("--source", str(tmp_path / "nowhere"))


@pytest.mark.django_db
def test_claim_once_per_slot():
    assert claim("job", "2026-11-27")
    assert not claim("job", "2026-11-27")
    assert claim("job", "2026-11-28")
    assert claim("other", "2026-11-27")


@pytest.mark.django_db
def test_heartbeat_sends_once_per_slot():
    first, second = StringIO(), StringIO()
    call_command("ops_heartbeat", "--slot", "2026-11-27T09", stdout=first)
    call_command("ops_heartbeat", "--slot", "2026-11-27T09", stdout=second)
    assert first.getvalue().strip() == "sent 2026-11-27T09"
    assert second.getvalue().strip() == "already sent 2026-11-27T09"
    assert JobRun.objects.filter(job="ops_heartbeat").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_claim_race_has_one_winner():
    results = race(*[lambda: claim("race", "slot")] * 4)
    assert sorted(r[1] for r in results) == [False, False, False, True]
    assert JobRun.objects.filter(job="race").count() == 1


def _store_at(settings, path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(path)},
        },
    }


@pytest.mark.django_db
def test_backup_then_restore_into_an_empty_store(local_files, settings, tmp_path):
    out = StringIO()
    call_command("backup_files", str(tmp_path / "backup"), "--check", stdout=out)
    assert "backed up 3 files" in out.getvalue()
    manifest = (tmp_path / "backup" / "MANIFEST.sha256").read_text().splitlines()
    assert len(manifest) == 3
    _store_at(settings, tmp_path / "restored")
    out = StringIO()
    call_command("restore_files", str(tmp_path / "backup"), stdout=out)
    assert "restored 3, already stored 0" in out.getvalue()
    for name, data in local_files.items():
        assert (tmp_path / "restored" / name).read_bytes() == data
    out = StringIO()
    call_command("restore_files", str(tmp_path / "backup"), stdout=out)  # re-runnable
    assert "restored 0, already stored 3" in out.getvalue()


@pytest.mark.django_db
def test_a_damaged_backup_is_refused(local_files, settings, tmp_path):
    call_command("backup_files", str(tmp_path / "backup"), stdout=StringIO())
    (tmp_path / "backup" / "training/2026/10/材料.pdf").write_bytes(b"bit rot")
    _store_at(settings, tmp_path / "restored")
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore_files", str(tmp_path / "backup"), stdout=StringIO())


def test_backup_check_finds_a_file_the_database_names_but_the_store_lost(
    team, manager, settings, tmp_path
):
    from reports.services import submission_create
    from salesops.periods import Period

    sub = submission_create(
        team=team, code="weekly-work", period=Period.parse("2026-W46"), by=manager
    )
    (settings.MEDIA_ROOT / sub.pdf.name).unlink()
    with pytest.raises(CommandError, match="reports.Submission.pdf"):
        call_command("backup_files", str(tmp_path / "backup"), "--check", stdout=StringIO())
