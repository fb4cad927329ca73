"""What proposals adds to the pages of others (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

from . import queries

registry.home_context.register(queries.home_context)
registry.home_blocks.register(
    Block("proposals/_home_manager.html", 90, frozenset({"manager"})), key="proposals.manager"
)
registry.home_blocks.register(
    Block("proposals/_home_leader.html", 70, frozenset({"leader"})), key="proposals.leader"
)
registry.menu.register(Block("proposals/_nav.html", 110), key="proposals")
