from __future__ import annotations

from typing import Any


def home_context(user) -> dict[str, Any]:
    """What this app adds to the user's home page (filled in by the app's own issue)."""
    return {}
