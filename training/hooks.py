"""What training adds to the pages of others (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

registry.menu.register(Block("training/_nav.html", 60), key="training")
