"""What problems adds to the pages of others (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

from . import queries

registry.home_context.register(queries.home_context)
registry.home_blocks.register(
    Block("problems/_home_manager.html", 85, frozenset({"manager"})), key="problems.manager"
)
registry.home_blocks.register(
    Block("problems/_home_leader.html", 30, frozenset({"leader"}), "side"), key="problems.leader"
)
registry.home_blocks.register(
    Block("problems/_home_member.html", 30, frozenset({"salesperson", "analyst"}), "side"),
    key="problems.member",
)
registry.menu.register(Block("problems/_nav.html", 90), key="problems")
registry.todo.register(queries.todo_lines)
