"""Role checks shared by views: a forbidden action is a 403 (PermissionDenied)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .models import Role, User


def require_role(user: User, *roles: str) -> None:
    if user.is_superuser:
        return
    if user.role not in roles:
        raise PermissionDenied


def role_required(*roles: str):
    """View decorator: anonymous → login page, wrong role → 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


SALES_ROLES = (Role.SALESPERSON, Role.ANALYST, Role.MANAGER)
