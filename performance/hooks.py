"""What performance adds to the pages of others (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

from . import queries

registry.home_context.register(queries.home_context)
for role in ("salesperson", "manager", "leader"):
    registry.home_blocks.register(
        Block(f"performance/_home_{role}.html", 40, frozenset({role})), key=f"performance.{role}"
    )
registry.home_blocks.register(
    Block(
        "performance/_scripts.html", 10, frozenset({"salesperson", "manager", "leader"}), "scripts"
    ),
    key="performance.scripts",
)
registry.menu.register(Block("performance/_nav.html", 80), key="performance")
