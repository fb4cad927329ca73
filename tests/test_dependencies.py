"""Production installs only what the app runs on; the test tools are in the development lock."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
TEST_TOOLING = {
    "pytest",
    "pytest-django",
    "factory-boy",
    "faker",
    "ruff",
    "pypdf",
    "playwright",
    "mypy",
    "django-stubs",
    "moto",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "-r")):
            name, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned exactly"
            pins[_norm(name)] = version
    return pins


def _declared(section: list[str]) -> set[str]:
    return {_norm(Requirement(r).name) for r in section}


def test_production_lock_holds_no_test_tooling():
    prod = _pins(ROOT / "requirements.lock")
    assert not TEST_TOOLING & set(prod)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert _declared(project["dependencies"]) <= set(prod)  # and every production dependency
    assert not TEST_TOOLING & _declared(project["dependencies"])


def test_development_lock_adds_the_tools_on_top_of_production():
    text = (ROOT / "requirements-dev.lock").read_text()
    assert "-r requirements.lock" in text.splitlines()
    prod, dev = _pins(ROOT / "requirements.lock"), _pins(ROOT / "requirements-dev.lock")
    assert not set(prod) & set(dev)  # each package pinned once
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert _declared(project["optional-dependencies"]["dev"]) <= set(dev)
    assert set(dev) >= TEST_TOOLING


def test_weasyprint_is_70_or_later():
    # 66.0 carries CVE-2025-68616, CVE-2026-49452 and CVE-2026-55073
    major = int(_pins(ROOT / "requirements.lock")["weasyprint"].split(".")[0])
    assert major >= 70
