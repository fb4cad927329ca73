"""What ownership adds to the pages of others (salesops/registry.py, visits/extensions.py)."""

from salesops import registry
from salesops.registry import Block
from visits import extensions as visits

from . import queries

registry.home_context.register(queries.home_context)
registry.todo.register(queries.todo_lines)
registry.home_blocks.register(
    Block("ownership/_home_manager.html", 10, frozenset({"manager", "leader"})),
    key="ownership.manager",
)
# the client's page: the masked number's reveal, a transfer to request or waiting
visits.client_page.register(queries.client_page)
# the duplicate-number refusal: 申请转移 the client to its owner's manager
visits.number_taken.register(queries.ask_link)
