"""Role fixtures shared by every app's tests, and the demo department built once per session.

Two teams: ``team`` (the one most tests act in) and ``other_team`` (whose objects must stay out of
reach: 404). Each role has a fixture; ``client_as`` logs a test client in as any user.
"""

import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client, override_settings

from accounts.models import Role

from .factories import UserFactory, make_team

if not getattr(django_settings, "TESTING", False):
    pytest.exit(
        f"the tests run under salesops.settings_test, not {django_settings.SETTINGS_MODULE}: "
        "unset DJANGO_SETTINGS_MODULE (pyproject.toml names the test settings)",
        returncode=4,
    )


# The SQL-heavy tests CI runs on PostgreSQL (marker ``sql``); the SQLite run takes everything else
# (README "Tests in CI"). Paths relative to the repository.
SQL_HEAVY = (
    "tests/reports/",
    "tests/performance/",
    "tests/test_load_data.py",
    "tests/test_hostile_fuzz.py",
)
ROOT = Path(__file__).resolve().parents[1]


def pytest_collection_modifyitems(config, items):
    """``postgres`` tests (row locks, races, two processes) are skipped on another database; the
    SQL-heavy files get the ``sql`` marker, so CI can pick its PostgreSQL run with ``-m``."""
    from django.db import connection

    skip = pytest.mark.skip(reason="needs PostgreSQL (marker postgres)")
    on_postgres = connection.vendor == "postgresql"
    for item in items:
        if item.get_closest_marker("postgres") and not on_postgres:
            item.add_marker(skip)
        where = Path(str(item.fspath)).resolve().relative_to(ROOT).as_posix()
        if where.startswith(SQL_HEAVY):
            item.add_marker(pytest.mark.sql)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def team_and_manager(db):
    return make_team("营销一部")


@pytest.fixture
def team(team_and_manager):
    return team_and_manager[0]


@pytest.fixture
def manager(team_and_manager):
    return team_and_manager[1]


@pytest.fixture
def salesperson(team):
    return UserFactory(username="sales1", full_name="王芳", role=Role.SALESPERSON, team=team)


@pytest.fixture
def salesperson2(team):
    return UserFactory(username="sales2", full_name="李强", role=Role.SALESPERSON, team=team)


@pytest.fixture
def analyst(team):
    return UserFactory(username="analyst1", full_name="周敏", role=Role.ANALYST, team=team)


@pytest.fixture
def office(db):
    return UserFactory(username="office1", full_name="郑欣", role=Role.OFFICE, team=None)


@pytest.fixture
def leader(db):
    """主管领导: every team, read-only on the teams' work."""
    return UserFactory(username="leader1", full_name="刘志刚", role=Role.LEADER, team=None)


@pytest.fixture
def other_team_and_manager(db):
    return make_team("营销二部")


@pytest.fixture
def other_team(other_team_and_manager):
    return other_team_and_manager[0]


@pytest.fixture
def other_manager(other_team_and_manager):
    return other_team_and_manager[1]


@pytest.fixture
def other_salesperson(other_team):
    return UserFactory(username="sales9", full_name="黄伟", role=Role.SALESPERSON, team=other_team)


@pytest.fixture
def other_analyst(other_team):
    return UserFactory(username="analyst9", full_name="何峰", role=Role.ANALYST, team=other_team)


@pytest.fixture
def client_as():
    def login(user) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return login


def make_people() -> dict:
    """The people of the role fixtures above (same names, same teams), built in one go: for a
    module-scoped world (``module_db``). Keys: the fixtures' names."""
    team, manager = make_team("营销一部")
    other_team, other_manager = make_team("营销二部")
    return {
        "team": team,
        "manager": manager,
        "salesperson": UserFactory(
            username="sales1", full_name="王芳", role=Role.SALESPERSON, team=team
        ),
        "salesperson2": UserFactory(
            username="sales2", full_name="李强", role=Role.SALESPERSON, team=team
        ),
        "analyst": UserFactory(username="analyst1", full_name="周敏", role=Role.ANALYST, team=team),
        "office": UserFactory(username="office1", full_name="郑欣", role=Role.OFFICE, team=None),
        "leader": UserFactory(username="leader1", full_name="刘志刚", role=Role.LEADER, team=None),
        "other_team": other_team,
        "other_manager": other_manager,
        "other_salesperson": UserFactory(
            username="sales9", full_name="黄伟", role=Role.SALESPERSON, team=other_team
        ),
    }


@pytest.fixture(scope="module")
def module_media(tmp_path_factory):
    """One media root for a module whose world is built once (its files stay for every test)."""
    path = tmp_path_factory.mktemp("module-media")
    with override_settings(MEDIA_ROOT=path):
        yield path


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker, module_media):
    """A transaction open for a whole module: rows a module-scoped fixture writes in it are seen by
    every test of the module, whose own transaction (``db``) is a savepoint inside it, rolled back
    after each test; the module's rows are rolled back after its last test. Only for modules of
    non-transactional tests (``django_db`` without ``transaction=True``)."""
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run ``seed_demo`` once per session and keep what it printed, the rows it wrote and its files.

    The build is rolled back straight away, so the demo department is not in the database other
    tests see (their factories reuse the demo's team names: 营销一部 / 营销二部). Tests that need it
    ask for ``demo_department`` (or, in a browser journey, ``demo``), which writes the kept rows
    again (``write_demo``).
    """
    models = apps.get_models(include_auto_created=True)
    # the demo's files (check-in photos) go to a throwaway media root, not the project's
    root = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=root), django_db_blocker.unblock(), transaction.atomic():
        before = {m: set(m._base_manager.values_list("pk", flat=True)) for m in models}
        out = StringIO()
        call_command("seed_demo", stdout=out)
        rows = [
            (m, serializers.serialize("python", m._base_manager.exclude(pk__in=before[m])))
            for m in models
        ]
        # the rows the migrations wrote, as the demo left them (a flush removes them too)
        base = [
            (m, serializers.serialize("python", m._base_manager.filter(pk__in=before[m])))
            for m in models
            if before[m] and m not in (ContentType, Permission)
        ]
        content_types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()
    return DemoSnapshot(out.getvalue(), [(m, d) for m, d in rows if d], base, content_types, root)


@dataclass(frozen=True)
class DemoSnapshot:
    out: str
    rows: list  # (model, serialized rows) that seed_demo added
    base: list  # the rows that were there before (written by migrations), as seed_demo left them
    content_types: dict  # pk → (app_label, model) when the snapshot was taken
    media: Path


def write_demo(snapshot: DemoSnapshot, *, flushed: bool = False) -> str:
    """Write the demo's rows (and its files, into MEDIA_ROOT) again; returns what seed_demo printed.

    ``flushed``: the database may have lost the migrations' rows too (a browser journey's flush),
    which are written back first. Rows keep their ids. A foreign key to a content type is mapped by (app label, model): after a
    browser journey's flush the content types come back with new ids."""
    now = {
        key: pk
        for pk, key in ((ct.pk, (ct.app_label, ct.model)) for ct in ContentType.objects.all())
    }
    moved = {old: now[key] for old, key in snapshot.content_types.items() if key in now}
    with transaction.atomic():
        base = [(m, d, False) for m, d in snapshot.base] if flushed else []
        for model, data, new in [*base, *((m, d, True) for m, d in snapshot.rows)]:
            fk = [
                f.name
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is ContentType
            ]
            if fk:
                data = [
                    {**d, "fields": {**d["fields"], **{n: moved[d["fields"][n]] for n in fk}}}
                    for d in data
                ]
            objects = serializers.deserialize("python", data)
            if new:  # one INSERT per model; many-to-many rows are their own auto-created models
                model._base_manager.bulk_create([obj.object for obj in objects])
            else:  # the migrations' rows may still be there: written over
                for obj in objects:
                    obj.save()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in snapshot.rows]):
                cursor.execute(sql)
    if snapshot.media.exists():
        shutil.copytree(snapshot.media, django_settings.MEDIA_ROOT, dirs_exist_ok=True)
    return snapshot.out


@pytest.fixture
def demo_department(db, demo_snapshot):
    """The department ``seed_demo`` builds, inside this test's transaction; returns its output."""
    return write_demo(demo_snapshot)


@pytest.fixture(autouse=True)
def _default_language():
    """A request with Accept-Language leaves its language active in this thread: every test starts
    and ends in the default (Chinese), so no test depends on the one before it."""
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the database rolls back between tests, so a cached
    report (reports.freshness) keyed by a data version could otherwise outlive its rows."""
    from django.core.cache import cache

    cache.clear()
    yield
