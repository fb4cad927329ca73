"""The English catalogue (locale/en/LC_MESSAGES/django.po) is complete, keeps every placeholder of
its msgids, is compiled, and is what English users see.

After new strings are marked, re-run makemessages (see README, "English translation"): the new
entries arrive untranslated or fuzzy and the first test here fails until they are translated.
"""

import ast
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# %(name)s, %s / %d …, and {name} / {0} (str.format); "%%" is a literal percent sign
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifgeEr]|%[sdifr]|\{[^{}\s]*\}")
# run_transition's refusal; a variable, not a literal in gettext(), so makemessages leaves tests alone
REFUSED = "当前状态为「%(state)s」，不能%(action)s。"


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    def __str__(self) -> str:
        ctx = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"django.po:{self.line} {ctx}{self.msgid!r}"


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file (the header, msgid "", left out; obsolete #~ entries ignored)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key: tuple[str, int] | None = None
    seen_msgstr = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        starts_entry = line.startswith("#") or line.startswith(("msgctxt ", "msgid "))
        if entry is None or (seen_msgstr and starts_entry):
            entry, key, seen_msgstr = Entry(line=number), None, False
            entries.append(entry)
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            entry.flags.update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line)
        if match:
            name, index, literal = match.groups()
            key = (name, int(index or 0))
            value = ast.literal_eval(literal)
            if name == "msgstr":
                seen_msgstr = True
                entry.msgstr[key[1]] = value
            else:
                setattr(entry, name, value)
                entry.line = number if name == "msgid" else entry.line
        elif line.startswith('"') and key is not None:
            value = ast.literal_eval(line)
            name, index = key
            if name == "msgstr":
                entry.msgstr[index] += value
            else:
                setattr(entry, name, getattr(entry, name) + value)
        else:
            raise AssertionError(f"django.po:{number}: cannot read {raw!r}")
    return [e for e in entries if e.msgid or e.msgid_plural or e.msgctxt]


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po(PO.read_text(encoding="utf-8"))


def test_parser_reads_the_catalogue(entries):
    assert len(entries) > 500
    plural = [e for e in entries if e.msgid_plural]
    assert plural and all(set(e.msgstr) == {0, 1} for e in plural)
    assert any(e.msgctxt for e in entries)


def test_catalogue_has_no_untranslated_or_fuzzy_entries(entries):
    untranslated = [str(e) for e in entries if not e.msgstr or "" in e.msgstr.values()]
    fuzzy = [str(e) for e in entries if "fuzzy" in e.flags]
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy entries (check the English, then drop the flag):\n" + "\n".join(fuzzy)


def test_translations_keep_the_placeholders_of_their_msgids(entries):
    wrong = []
    for e in entries:
        for index, msgstr in e.msgstr.items():
            source = e.msgid_plural if index and e.msgid_plural else e.msgid
            if placeholders(msgstr) != placeholders(source):
                wrong.append(f"{e}: {sorted(placeholders(source))} → {msgstr!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_translations_are_english(entries):
    chinese = [f"{e}: {s!r}" for e in entries for s in e.msgstr.values() if CJK.search(s)]
    assert not chinese, "Chinese left in msgstr:\n" + "\n".join(chinese)


def test_compiled_catalogue_matches_the_po(entries):
    """django.mo is compiled from the current django.po (compilemessages was run)."""
    stale = []
    with translation.override("en"):
        for e in entries:
            if e.msgid_plural:
                got = {
                    0: translation.ngettext(e.msgid, e.msgid_plural, 1),
                    1: translation.ngettext(e.msgid, e.msgid_plural, 2),
                }
            elif e.msgctxt is not None:
                got = {0: translation.pgettext(e.msgctxt, e.msgid)}
            else:
                got = {0: translation.gettext(e.msgid)}
            if got != e.msgstr:
                stale.append(f"{e}: .mo has {got!r}")
    assert not stale, "django.mo is stale; run compilemessages -l en:\n" + "\n".join(stale)


def test_service_messages_and_state_labels_in_english():
    from plans.models import PlanStatus
    from reports.submissions import STATE_LABELS
    from salesops.services import StaleVersion
    from visits.models import ClientStatus
    from visits.services import TRANSITION_LABELS

    with translation.override("en"):
        assert ClientStatus.FUNDED.label == "Deposited"
        assert PlanStatus.RETURNED.label == "Returned"
        assert StaleVersion().message.startswith("Someone else has changed this.")
        assert str(TRANSITION_LABELS["record_first_visit"]) == "Log first visit"
        assert str(STATE_LABELS["late"]) == "Submitted late"
        refused = translation.gettext(REFUSED) % {
            "state": ClientStatus.FUNDED.label,
            "action": TRANSITION_LABELS["close_won"],
        }
        assert refused == (
            '"Closed successfully (account opened)" is not possible while the status is "Deposited".'
        )
    with translation.override("zh-hans"):
        assert ClientStatus.FUNDED.label == "已入金"
        assert StaleVersion().message == "已被他人修改，页面已显示最新状态，请核对后重新操作。"


@pytest.mark.django_db
def test_pages_render_in_english(client_as, salesperson, office):
    home = client_as(salesperson).get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert home.status_code == 200
    body = home.content.decode()
    assert "Log out" in body
    assert "退出登录" not in body
    board = client_as(office).get(reverse("reports:board"), HTTP_ACCEPT_LANGUAGE="en")
    assert board.status_code == 200
    assert "Submitted on time" in board.content.decode()
