"""The menu every page draws (templates/base.html): each app's entry, added in its hooks.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from salesops import registry


def menu(request: HttpRequest) -> dict[str, Any]:
    return {"menu_entries": registry.blocks_for(registry.menu, None)}
