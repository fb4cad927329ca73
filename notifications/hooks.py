"""What notifications listens to (visits/extensions.py): who must act is told, after commit; and
what it adds to the home page (salesops/registry.py): the unread notifications."""

from salesops import registry
from salesops.registry import Block
from visits import extensions as visits

from . import events, queries

visits.client_reported.register(events.client_reported)
visits.investment_plan_ready.register(events.investment_plan_ready)

# the office's 邮件记录 (every mail sent or failed) in the menu
registry.menu.register(Block("notifications/_nav.html", 55), key="notifications")


visits.revisit_due_changed.register(events.revisit_due_changed)

registry.home_context.register(queries.home_context)
registry.home_blocks.register(
    Block("notifications/_home.html", 5, frozenset({"salesperson", "analyst"}), "side"),
    key="notifications",
)
