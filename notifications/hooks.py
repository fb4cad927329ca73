"""What notifications listens to (visits/extensions.py): who must act is told, after commit."""

from salesops import registry
from salesops.registry import Block
from visits import extensions as visits

from . import events

visits.client_reported.register(events.client_reported)
visits.investment_plan_ready.register(events.investment_plan_ready)

# the office's 邮件记录 (every mail sent or failed) in the menu
registry.menu.register(Block("notifications/_nav.html", 55), key="notifications")
