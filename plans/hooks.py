"""What plans adds to the pages of others (salesops/registry.py, visits/extensions.py)."""

from salesops import registry
from salesops.registry import Block
from visits import extensions as visits

from . import queries, services

registry.home_context.register(queries.home_context)
registry.home_blocks.register(
    Block("plans/_home_manager.html", 20, frozenset({"manager"})), key="plans.manager"
)
registry.home_blocks.register(
    Block("plans/_home_salesperson.html", 65, frozenset({"salesperson"})), key="plans.salesperson"
)
registry.home_blocks.register(
    Block("plans/_home_side.html", 10, frozenset({"salesperson"}), "side"), key="plans.side"
)
registry.menu.register(Block("plans/_nav.html", 40), key="plans")
registry.todo.register(queries.todo_lines)

# a logged visit fulfils the salesperson's plan items and daily focus for that client and day
visits.visit_logged.register(services.plan_items_mark_done)
# the 记录拜访 page lists today's planned clients first
visits.planned_today.register(queries.planned_today)
