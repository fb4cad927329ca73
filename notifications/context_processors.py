"""The bell's unread count on every page: one cheap COUNT query for a signed-in user, none else."""

from __future__ import annotations

from typing import Any

from django.utils.functional import SimpleLazyObject


def unread(request) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from .services import unread_count

        return unread_count(user)

    # lazy: pages that never render the bell (PDFs, exports) never run the query
    return {"unread_notifications": SimpleLazyObject(count)}
