"""This app's part of the demo department (see accounts/management/commands/seed_demo.py)."""

from __future__ import annotations


def build(users: dict) -> None:
    """Idempotent: running it again adds nothing."""
