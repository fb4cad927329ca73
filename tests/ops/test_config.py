"""REDIS_URL and S3_BUCKET choose the shared cache and the object store; unset, one machine's
defaults (local memory, local disk). Frozen submissions go through the configured store."""

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from moto import mock_aws

from reports.models import Submission
from reports.services import submission_create
from salesops.periods import Period
from salesops.settings import caches_from_env, database_from_env, default_storage_from_env


def test_one_machine_defaults():
    assert caches_from_env({})["default"]["BACKEND"].endswith("LocMemCache")
    assert default_storage_from_env({}) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_redis_url_shares_the_cache():
    config = caches_from_env({"REDIS_URL": "redis://10.0.0.7:6379/2"})["default"]
    assert config["BACKEND"] == "salesops.cache.ResilientRedisCache"
    assert config["LOCATION"] == "redis://10.0.0.7:6379/2"
    assert config["OPTIONS"]["socket_connect_timeout"] <= 5


def test_malformed_redis_url_stops_start_up():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        caches_from_env({"REDIS_URL": "10.0.0.7:6379"})


def test_s3_bucket_switches_the_file_store():
    config = default_storage_from_env(
        {
            "S3_BUCKET": "salesops-files",
            "S3_ENDPOINT_URL": "http://10.0.0.8:9000",
            "S3_ACCESS_KEY_ID": "key",
            "S3_SECRET_ACCESS_KEY": "secret",
            "S3_ADDRESSING_STYLE": "path",
        }
    )
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    options = config["OPTIONS"]
    assert options["bucket_name"] == "salesops-files"
    assert options["endpoint_url"] == "http://10.0.0.8:9000"
    assert options["default_acl"] is None  # private
    assert options["file_overwrite"] is False
    assert options["client_config"].connect_timeout <= 5


def test_postgres_connections_time_out(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@10.0.0.9:5432/salesops")
    assert database_from_env()["OPTIONS"]["connect_timeout"] == 5


@pytest.fixture
def s3_store(settings):
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="salesops-test")
        config = default_storage_from_env({"S3_BUCKET": "salesops-test", "S3_REGION": "us-east-1"})
        settings.STORAGES = {**settings.STORAGES, "default": config}
        yield boto3.client("s3", region_name="us-east-1")


def test_a_frozen_submission_lives_in_the_object_store(s3_store, client, manager, team, settings):
    sub = submission_create(
        team=team, code="weekly-work", period=Period.parse("2026-W46"), by=manager
    )
    keys = {o["Key"] for o in s3_store.list_objects_v2(Bucket="salesops-test")["Contents"]}
    assert {sub.xlsx.name, sub.pdf.name} <= keys
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]  # nothing on local disk
    client.force_login(manager)
    response = client.get(f"/reports/submissions/{sub.pk}/xlsx/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == s3_store.get_object(Bucket="salesops-test", Key=sub.xlsx.name)["Body"].read()
    assert Submission.objects.count() == 1
    assert default_storage.exists(sub.pdf.name)


def test_readyz_reaches_the_object_store(s3_store, client, db):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert "Contents" not in s3_store.list_objects_v2(Bucket="salesops-test")  # probe removed
