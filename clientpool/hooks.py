"""What clientpool adds to the pages of others (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

registry.menu.register(Block("clientpool/_nav.html", 20), key="clientpool")
