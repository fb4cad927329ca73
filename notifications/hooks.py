"""What notifications listens to (visits/extensions.py): who must act is told, after commit."""

from visits import extensions as visits

from . import events

visits.client_reported.register(events.client_reported)
visits.investment_plan_ready.register(events.investment_plan_ready)
