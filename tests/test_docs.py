"""The design rules live in the repository (docs/design.md, docs/procedure.md), and the code cites them.

- No file outside docs/ cites the design page kept outside the repository (a maintainer who clones the
  project cannot read it).
- Every citation ``docs/design.md §Heading`` or ``docs/design.md#anchor`` (and the same for
  docs/procedure.md) names a heading that exists in that file.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# the outside page's file name, split so that this file does not cite it
OUTSIDE_PAGE = "DESIGN" + ".md"
SKIP_DIRS = {
    ".git",
    ".venv",
    "node_modules",
    "__pycache__",
    "media",
    "staticfiles",
    "docs",
    "vendor",
}
SUFFIXES = {
    ".py", ".html", ".txt", ".md", ".js", ".css", ".toml", ".cfg", ".ini", ".yaml", ".yml", ".sh",
    ".po", ".conf", ".service", ".timer", ".example", ".json",
}  # fmt: skip
NAMES = {"Makefile", "run"}
# a citation: docs/design.md#anchor, or docs/design.md §Heading (the heading, then any text)
CITATION = re.compile(r"docs/(design|procedure)\.md(?:#([\w-]+)|\s*§\s*([^\n]{0,120}))")


def source_files() -> list[Path]:
    """Every text file of the project outside docs/ (and outside the virtualenv, caches, vendored code)."""
    found = []
    stack = [ROOT]
    while stack:
        folder = stack.pop()
        for path in folder.iterdir():
            if path.is_dir():
                if path.name not in SKIP_DIRS and not path.is_symlink():
                    stack.append(path)
            elif path.suffix in SUFFIXES or path.name in NAMES:
                found.append(path)
    return sorted(found)


def headings(doc: Path) -> list[str]:
    """The headings of a Markdown file (outside fenced code blocks), without their # marks."""
    found, fenced = [], False
    for line in doc.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (m := re.match(r"#{1,6}\s+(.+?)\s*#*\s*$", line)):
            found.append(m.group(1))
    return found


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFC", heading).strip().lower()
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def names_heading(rest: str, known: list[str]) -> bool:
    """Does the text after § start with a known heading, followed by the end or a non-word character?"""
    rest = re.sub(r"\s+", " ", rest.lstrip('"“'))
    for heading in sorted(known, key=len, reverse=True):
        if rest.startswith(heading):
            after = rest[len(heading) : len(heading) + 1]
            if not after or not (after.isalnum() or after == "_"):
                return True
    return False


def citations() -> list[tuple[str, str, str | None, str | None]]:
    """(where, doc name, anchor, text after §) of every citation of docs/*.md outside docs/."""
    found = []
    for path in source_files():
        if path == Path(__file__).resolve():
            continue  # this file's docstrings show the form of a citation
        text = path.read_text(encoding="utf-8", errors="replace")
        # a citation wrapped onto the next line of a comment: join the lines first
        joined = re.sub(r"\n[ \t]*(?:#[ \t]*)?", " ", text)
        for m in CITATION.finditer(joined):
            where = f"{path.relative_to(ROOT)}: {m.group(0)[:60]}"
            found.append((where, m.group(1), m.group(2), m.group(3)))
    return found


def test_no_file_cites_the_design_page_outside_the_repository() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in source_files()
        if OUTSIDE_PAGE in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert offenders == [], f"cite docs/design.md §<heading> instead of {OUTSIDE_PAGE}: {offenders}"


def test_the_docs_exist_and_are_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/design.md)" in readme.split("## ")[0]  # linked before the first section
    for name in ("design", "procedure"):
        assert headings(DOCS / f"{name}.md"), name


def test_the_code_cites_the_design_rules() -> None:
    cited = citations()
    assert len([c for c in cited if c[1] == "design"]) >= 30  # the citations were not dropped


def test_every_citation_names_a_heading_that_exists() -> None:
    known = {name: headings(DOCS / f"{name}.md") for name in ("design", "procedure")}
    anchors = {name: {anchor(h) for h in hs} for name, hs in known.items()}
    bad = [
        where
        for where, doc, anchor_, rest in citations()
        if (anchor_ is not None and anchor_ not in anchors[doc])
        or (rest is not None and not names_heading(rest, known[doc]))
    ]
    assert bad == [], f"these citations name no heading of docs/: {bad}"


def test_the_design_pages_own_links_resolve() -> None:
    """Links inside docs/ (``(#anchor)`` and ``(design.md#anchor)``) point at existing headings."""
    anchors = {f"{name}.md": {anchor(h) for h in headings(DOCS / f"{name}.md")} for name in ("design", "procedure")}  # fmt: skip
    bad = []
    for name in anchors:
        text = (DOCS / name).read_text(encoding="utf-8")
        for target, frag in re.findall(r"\]\(((?:design|procedure)\.md)?#([\w-]+)\)", text):
            if frag not in anchors[target or name]:
                bad.append(f"{name}: {target}#{frag}")
    assert bad == []


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        ("Overdue: a failed close", True),
        ("The manager's month)", True),
        ("Overdues", False),
        ("Nowhere", False),
    ],
)
def test_a_citation_must_name_a_whole_heading(rest: str, expected: bool) -> None:
    assert names_heading(rest, headings(DOCS / "design.md")) is expected
