"""Contracts with the private parts of libraries the toolkit leans on (issue 23).

salesops/fsmlog.py calls django-fsm-log's ``backends._pre_transition_callback`` and
salesops/tables.py replaces django-tables2's ``utils.signature``; neither has a public alternative, so
pyproject.toml pins both libraries exactly to the locked version and these tests fail loudly when
an upgrade changes what the toolkit relies on. django-fsm's transitions are read through its public
``get_all_<field>_transitions`` (no ``method._django_fsm``)."""

import inspect
import re
import tomllib
from pathlib import Path
from unittest import mock

import pytest
from django_fsm_log import backends
from django_tables2 import utils

from salesops import fsmlog
from salesops.services import _target_of
from visits.models import Client, ClientStatus

ROOT = Path(__file__).resolve().parents[2]


def _declared(name: str) -> str:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return next(d for d in deps if re.match(rf"{name}\b", d))


def _locked(name: str) -> str:
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.startswith(f"{name}=="):
            return line.split("==", 1)[1].strip()
    raise AssertionError(f"{name} is not in requirements.lock")


@pytest.mark.parametrize("name", ["django-fsm-log", "django-tables2"])
def test_the_libraries_used_privately_are_pinned_to_the_locked_version(name):
    assert _declared(name) == f"{name}=={_locked(name)}"


def test_django_fsm_log_pre_transition_callback_keeps_its_contract():
    callback = getattr(backends, "_pre_transition_callback", None)
    assert callback is not None, (
        "django-fsm-log dropped _pre_transition_callback: see salesops/fsmlog.py"
    )
    params = list(inspect.signature(callback).parameters.values())
    assert [p.name for p in params] == [
        "sender",
        "instance",
        "name",
        "source",
        "target",
        "manager",
        "kwargs",
    ]
    assert params[-1].kind is inspect.Parameter.VAR_KEYWORD
    # it builds the row through the manager it is given, with the values the log needs
    manager = mock.Mock()
    callback(Client, object(), "visit", "prospect", "visited", manager)
    ((_args, values),) = [(c.args, c.kwargs) for c in manager.create.call_args_list]
    assert {"source_state", "state", "transition", "content_object"} <= set(values)
    assert issubclass(fsmlog.StampedBackend, backends.SimpleBackend)


def test_django_tables2_signature_keeps_its_contract():
    assert list(inspect.signature(utils.signature).parameters) == ["fn"]

    def render(value, record, **kwargs):
        return value

    # the toolkit's memoised version answers what the original does: (names, **kwargs' name)
    assert utils.signature(render) == (("value", "record"), "kwargs")
    assert getattr(utils.signature, "cached", False), "salesops.apps did not install the memo"
    assert callable(utils.call_with_appropriate)


def test_transition_targets_come_from_the_public_api():
    """What ``run_transition`` asks before dating a late action: where the transition leads."""
    assert _target_of(Client(status=ClientStatus.PROSPECT), "record_first_visit", "prospect") == (
        ClientStatus.VISITED
    )
    # a second deposit keeps the state (exempt from the "not before the last step" check)
    assert _target_of(Client(status=ClientStatus.FUNDED), "record_deposit", "funded") == (
        ClientStatus.FUNDED
    )
    assert _target_of(Client(status=ClientStatus.FAILED), "record_revisit", "failed") == (
        ClientStatus.REVISITED
    )
    assert (
        _target_of(Client(status=ClientStatus.PROSPECT), "no_such_transition", "prospect") is None
    )
