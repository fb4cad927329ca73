"""What meetings adds to the pages of others (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

from . import queries

registry.home_context.register(queries.home_context)
registry.home_blocks.register(
    Block("meetings/_home.html", 20, frozenset({"salesperson", "analyst", "manager"}), "side"),
    key="meetings",
)
registry.menu.register(Block("meetings/_nav.html", 70), key="meetings")
