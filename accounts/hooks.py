"""What accounts adds to the pages of others (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

from . import queries

registry.home_context.register(queries.home_context)
registry.menu.register(Block("accounts/_nav.html", 130), key="accounts")
