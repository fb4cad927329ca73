"""What clientimport adds to the pages of others (salesops/registry.py)."""

from salesops import registry
from salesops.registry import Block

registry.menu.register(Block("clientimport/_nav.html", 30), key="clientimport")
