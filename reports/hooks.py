"""What reports adds to the pages of others and what it listens to (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

from . import freshness, submissions

registry.home_context.register(submissions.home_context)
registry.home_blocks.register(
    Block("reports/_home_manager.html", 80, frozenset({"manager"})), key="reports.manager"
)
registry.home_blocks.register(
    Block("reports/_home_office.html", 80, frozenset({"office", "leader"})), key="reports.office"
)
registry.menu.register(Block("reports/_nav.html", 50), key="reports")

# a counted write moves the data version of its teams (cached reports are stale: freshness.py)
registry.data_changed.register(freshness.touch)
