"""What visits adds to the pages of others (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

from . import queries

registry.home_context.register(queries.home_context)
for role in ("salesperson", "analyst", "manager"):
    registry.home_blocks.register(
        Block(f"visits/_home_{role}.html", 50, frozenset({role})), key=f"visits.{role}"
    )
registry.home_blocks.register(
    Block("visits/_home_actions.html", 10, frozenset({"salesperson"}), "actions"),
    key="visits.actions",
)
registry.home_blocks.register(
    Block("visits/_fab.html", 10, frozenset({"salesperson"}), "fab"), key="visits.fab"
)
registry.menu.register(Block("visits/_nav.html", 10), key="visits")
registry.todo.register(queries.todo_lines)
