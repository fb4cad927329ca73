"""How apps plug into each other without importing upwards (README "Layout": the floors).

An owner defines a ``Hook`` (a named list); other apps add to it from their ``hooks.py``, which the
toolkit imports for every installed app once the models are loaded (``SalesopsConfig.ready``, as
Django admin's autodiscover does). The owner then calls or reads what was added and never names
the apps that added it: the home page (portal/) its blocks and menu entries, the client pipeline
(visits/extensions.py) its gates, events and form parts, the toolkit itself ``data_changed``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, TypeVar

from django.db import transaction

T = TypeVar("T")


class Hook(Generic[T]):
    """What apps registered for one purpose, in the order they registered (INSTALLED_APPS order).

    Registering the same key again replaces the entry, so importing a ``hooks.py`` twice adds
    nothing. The key is the function's dotted name unless given."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}

    def register(self, item: T, *, key: str | None = None) -> T:
        if key is None:
            key = f"{getattr(item, '__module__', '')}.{getattr(item, '__qualname__', repr(item))}"
        self._items[key] = item
        return item

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self)}>"


class Event(Hook[Callable[..., Any]]):
    """Listeners told that something happened. ``send`` calls them now, in the caller's transaction
    (a reaction that is part of the action); ``send_on_commit`` once the transaction commits, and
    not at all if it rolls back (notifications: DESIGN "Floors"). A listener that fails after the
    commit is logged; the action stands."""

    def send(self, *args: Any, **kwargs: Any) -> None:
        for listener in self:
            listener(*args, **kwargs)

    def send_on_commit(self, *args: Any, **kwargs: Any) -> None:
        for listener in self:
            transaction.on_commit(partial(listener, *args, **kwargs), robust=True)


@dataclass(frozen=True)
class Block:
    """A template an app adds to a page another app draws: the home page of ``roles`` (in
    ``column``), or the menu (``roles`` empty: everyone the menu is drawn for). Lower ``order``
    comes first."""

    template: str
    order: int
    roles: frozenset[str] = field(default_factory=frozenset)
    column: str = "main"


@dataclass(frozen=True)
class TodoLine:
    """One line of the manager's to-do (portal's 经理待办 and home): what waits, how many, where
    to act. Lower ``order`` comes first. ``count`` comes from a bounded query (a COUNT, never a
    scan of all history)."""

    label: str
    count: int
    url: str
    order: int = 100
    hint: str = ""


# the toolkit's own hooks ------------------------------------------------------------------------

# something a report counts was written for these teams (salesops.services.data_changed)
data_changed: Event = Event("data_changed")

# the site's pages (portal/ draws them; each app adds its part in its hooks.py)
home_context: Hook[Callable[[Any], dict[str, Any]]] = Hook("home_context")  # user -> context
home_blocks: Hook[Block] = Hook("home_blocks")
menu: Hook[Block] = Hook("menu")
# the manager's to-do: user -> the lines an app contributes (portal draws them, one definition)
todo: Hook[Callable[[Any], list[TodoLine]]] = Hook("todo")


def todo_lines(user: Any) -> list[TodoLine]:
    """Every app's to-do lines for ``user``, in their order."""
    lines = [line for contribute in todo for line in contribute(user)]
    return sorted(lines, key=lambda line: line.order)


def blocks_for(hook: Hook[Block], role: str | None, column: str | None = None) -> list[str]:
    """The templates of ``hook`` for ``role`` (and ``column``), in their order."""
    chosen = [
        b
        for b in hook
        if (not b.roles or role in b.roles) and (column is None or b.column == column)
    ]
    return [b.template for b in sorted(chosen, key=lambda b: b.order)]
