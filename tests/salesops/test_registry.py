"""The hooks apps plug into each other with (salesops/registry.py, visits/extensions.py)."""

import pytest
from django.db import transaction

from reports import freshness
from salesops import registry
from salesops.registry import Event, Hook
from visits import extensions


def test_a_hook_keeps_the_order_of_registration_and_one_entry_per_key():
    hook: Hook[str] = Hook("test")
    hook.register("a", key="a")
    hook.register("b", key="b")
    hook.register("a2", key="a")  # a hooks.py imported twice replaces, never doubles
    assert list(hook) == ["a2", "b"]


@pytest.mark.django_db(transaction=True)
def test_an_event_after_commit_is_not_sent_when_the_action_rolls_back():
    told = []
    event = Event("test")
    event.register(told.append, key="listener")
    with pytest.raises(RuntimeError, match="refused"), transaction.atomic():
        event.send_on_commit("rolled back")
        raise RuntimeError("refused")
    with transaction.atomic():
        event.send_on_commit("committed")
        assert told == []  # not while the transaction runs
    assert told == ["committed"]


def test_each_app_adds_its_menu_entry_in_the_menus_order():
    assert registry.blocks_for(registry.menu, None) == [
        f"{app}/_nav.html"
        for app in (
            "visits",
            "clientpool",
            "clientimport",
            "plans",
            "reports",
            "notifications",  # the office's 邮件记录
            "training",
            "meetings",
            "performance",
            "problems",
            "suitability",
            "proposals",
            "fieldwork",
            "accounts",
        )
    ]


def test_the_managers_home_page_is_drawn_from_the_apps_blocks():
    assert registry.blocks_for(registry.home_blocks, "manager", "main") == [
        "ownership/_home_manager.html",
        "plans/_home_manager.html",
        "fieldwork/_home_today.html",
        "performance/_home_manager.html",
        "visits/_home_manager.html",
        "suitability/_home.html",
        "reports/_home_manager.html",
        "problems/_home_manager.html",
        "proposals/_home_manager.html",
    ]
    assert registry.blocks_for(registry.home_blocks, "office", "main") == [
        "reports/_home_office.html"
    ]
    assert registry.blocks_for(registry.home_blocks, "salesperson", "side") == [
        "notifications/_home.html",
        "plans/_home_side.html",
        "meetings/_home.html",
        "problems/_home_member.html",
    ]


def test_the_apps_plug_into_the_toolkit_and_the_pipeline():
    assert freshness.touch in list(registry.data_changed)
    assert len(registry.home_context) == 11
    # the manager's to-do (issue 24): one line-maker per contributing app
    assert sorted(f.__module__ for f in registry.todo) == [
        "ownership.queries",
        "plans.queries",
        "problems.queries",
        "suitability.queries",
        "visits.queries",
    ]
    assert [type(g).__module__ for g in extensions.plan_gates] == ["suitability.hooks"]
    assert [p.name for p in extensions.visit_form_parts] == ["checkin"]
    assert len(extensions.client_reported) == len(extensions.investment_plan_ready) == 1
