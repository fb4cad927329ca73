"""reports/ has no import cycle: each module imports first, on its own, and the imports between
reports modules — at load time or inside functions — form a tree."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "reports"
MODULES = sorted(
    ".".join(p.relative_to(APP.parent).with_suffix("").parts)
    for p in APP.rglob("*.py")
    if "migrations" not in p.parts and p.name != "__init__.py"
)


def module_level_imports(module: str) -> set[str]:
    """reports.* modules that ``module`` imports, when loaded or inside a function."""
    path = APP.parent.joinpath(*module.split(".")).with_suffix(".py")
    package = module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1]])
                base = f"{base}.{node.module}" if node.module else base
            names = [f"{base}.{a.name}" for a in node.names] + [base]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {n for n in names if n in MODULES and n != module}
    return found


def test_module_level_imports_have_no_cycle():
    graph = {m: module_level_imports(m) for m in MODULES}
    # the registry reads its queries; the queries know nothing of the registry or the submissions
    assert "reports.submissions" not in graph["reports.definitions"]
    assert graph["reports.queries"].isdisjoint({"reports.definitions", "reports.submissions"})
    done: set[str] = set()

    def visit(m: str, path: tuple[str, ...]) -> None:
        assert m not in path, " → ".join((*path, m))
        if m in done:
            return
        for n in graph[m]:
            visit(n, (*path, m))
        done.add(m)

    for m in MODULES:
        visit(m, ())


@pytest.mark.parametrize(
    "module",
    [
        "reports.definitions",
        "reports.queries",
        "reports.submissions",
        "reports.services",
        "reports.views",
    ],
)
def test_each_module_imports_first(module):
    code = f"import django; django.setup(); import importlib; importlib.import_module({module!r})"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "salesops.settings")
    env["DJANGO_DEBUG"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=APP.parent, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
