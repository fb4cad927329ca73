"""Who may import clients from Excel: the manager, for the salespeople of the teams they manage,
and a superuser (for every team). Salespeople do not import — their clients come from visits, from
the manager's import or from the pool — and analysts, the office and the leader neither (403)."""

from __future__ import annotations

from accounts.models import Role, User


def may_import(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.role == Role.MANAGER
