"""One clock: every "today" and "now" of services, queries, views, reports and commands is read from
``salesops.clock`` (moveable with ``clock_at``), never straight from the system clock.

A clock read is a call of ``timezone.now()``, ``timezone.localdate()`` / ``timezone.localtime()``
without a value, ``date.today()`` or ``datetime.now()`` (however ``datetime`` was imported) outside tests,
migrations, demo data and bench. ``auto_now`` fields are not calls and do not count. At most
``ALLOWED`` may stay (the clock itself, logging, middleware)."""

import ast
import datetime as dt
from pathlib import Path

from django.utils import timezone

from salesops import clock, services

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {
    "tests",
    "migrations",
    "bench",
    "demo",
    ".venv",
    "node_modules",
    "deploy",
    "scripts",
}
SKIPPED_FILES = {"demo.py", "seed_demo.py"}
ALLOWED = 5


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if (
            set(rel.parts[:-1]) & SKIPPED_DIRS
            or rel.name in SKIPPED_FILES
            or rel.parts[0].startswith(".")
        ):
            continue
        yield rel, path


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _timezone_names(tree: ast.Module) -> set[str]:
    """Names bound to django.utils.timezone's now/localdate/localtime by ``from ... import``."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.timezone":
            names |= {
                a.asname or a.name
                for a in node.names
                if a.name in {"now", "localdate", "localtime"}
            }
    return names


def _is_clock_read(call: ast.Call, bare: set[str]) -> bool:
    name = _dotted(call.func)
    if not name:
        return False
    head, _, last = name.rpartition(".")
    no_value = not call.args and not call.keywords
    if name in bare:
        return name == "now" or no_value
    if head.endswith("timezone"):
        return last == "now" or (last in {"localdate", "localtime"} and no_value)
    if last == "today" and head.split(".")[-1] == "date":
        return True
    return last in {"now", "utcnow"} and head.split(".")[-1] == "datetime"


def clock_reads() -> list[str]:
    found = []
    for rel, path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(rel))
        bare = _timezone_names(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _is_clock_read(node, bare):
                found.append(f"{rel}:{node.lineno} {_dotted(node.func)}()")
    return found


def test_the_scan_sees_each_way_of_reading_the_clock():
    tree = ast.parse(
        "import datetime as dt\nfrom django.utils.timezone import now\n"
        "timezone.now(); timezone.localdate(); dt.date.today(); dt.datetime.now(); now(); date.today()\n"
        "timezone.localdate(when); timezone.localtime(when); services.today()\n"
    )
    bare = _timezone_names(tree)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert sum(_is_clock_read(c, bare) for c in calls) == 6


def test_at_most_five_direct_clock_reads_remain():
    found = clock_reads()
    assert len(found) <= ALLOWED, "read the clock through salesops.clock:\n" + "\n".join(found)


def test_the_clock_moves_for_a_block_and_the_services_reexport_it():
    when = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 30))
    with clock.clock_at(when):
        assert clock.now() == when
        assert clock.today() == services.today() == dt.date(2026, 3, 2)
    assert clock.today() == timezone.localdate()
    assert services.clock_at is clock.clock_at
