"""Where the apps around the client pipeline plug into it (README "Layout": the floors).

The pipeline (visits/) imports none of them: suitability, plans, fieldwork, ownership and
notifications add to these hooks in their ``hooks.py`` (salesops/registry.py), and visits calls what
was added without naming them.

- ``plan_gates``: checks every investment plan passes, inside the action's transaction; a gate
  refuses with ServiceError (nothing is changed). suitability: the product catalogue and the
  client's risk level (suitability/gate.py).
- ``visit_logged``: what a logged visit also does, in its transaction (plans: plan items done).
- ``client_reported``, ``investment_plan_ready``: reactions after the action commits
  (notifications: who must act is told).
- ``planned_today``, ``plan_waiting``, ``timeline``: what the pipeline's reads show of the others.
- ``client_page``, ``offered_actions``, ``action_form_parts``, ``created_message``,
  ``visit_form_parts``, ``number_taken``: what the pages show and ask of the others (fields, context, messages).
- ``demo_plan``: what the demo does before a plan is made (suitability: an assessment).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django import forms
from django.http import HttpRequest, HttpResponse

from salesops.registry import Event, Hook


class PlanCheck(Protocol):
    """A gate's verdict on a plan it let through."""

    @property
    def products(self) -> Sequence[Any]:
        """What the plan names (each with a ``name``)."""

    @property
    def plan_level(self) -> str:
        """The plan's risk level (R1–R5)."""

    @property
    def needs_approval(self) -> bool:
        """Recorded, but waits for the manager: the client does not move on yet."""


class PlanGate(Protocol):
    def may_prepare(self, *, client: Any, by: Any) -> None:
        """Refuse (ServiceError) a plan the user may not make now, before anything is checked."""

    @property
    def check(self) -> Callable[..., PlanCheck]:
        """check(*, client, day, **what client_prepare_plan was given beyond the plan itself):
        refuse (ServiceError) the plan, or say what it names and whether it waits."""

    def record(self, *, check: PlanCheck, plan: Any, by: Any, revisit_due: dt.date) -> None:
        """Keep the verdict beside the new plan (same transaction)."""


plan_gates: Hook[PlanGate] = Hook("visits.plan_gates")
visit_logged: Event = Event("visits.visit_logged")  # listener(visit=) in the transaction
client_reported: Event = Event("visits.client_reported")  # listener(client) after commit
# 限期二次回访 changed: listener(client, old=the previous deadline) after commit
revisit_due_changed: Event = Event("visits.revisit_due_changed")
investment_plan_ready: Event = Event(
    "visits.investment_plan_ready"
)  # listener(client) after commit

# (user, day) -> rows naming OuterRef("pk") as their client: the clients planned for that day
planned_today: Hook[Callable[[Any, dt.date], Any]] = Hook("visits.planned_today")
# () -> rows naming OuterRef("pk"): the client's plan waits for a decision (no new one yet)
plan_waiting: Hook[Callable[[], Any]] = Hook("visits.plan_waiting")
# client -> timeline entries ({"kind", "when", "obj", …}) for the client's page
timeline: Hook[Callable[[Any], list[dict[str, Any]]]] = Hook("visits.timeline")

# (request, client) -> context for the client's page
client_page: Hook[Callable[[HttpRequest, Any], dict[str, Any]]] = Hook("visits.client_page")
# (user, client, action, the page's context) -> False: the page does not offer the action
offered_actions: Hook[Callable[[Any, Any, str, dict[str, Any]], bool]] = Hook(
    "visits.offered_actions"
)
# (action, form) -> None: add the fields the action's form asks for on the adder's behalf
action_form_parts: Hook[Callable[[str, forms.BaseForm], None]] = Hook("visits.action_form_parts")
# (action, created object) -> the success message, or None for the pipeline's own
created_message: Hook[Callable[[str, Any], str | None]] = Hook("visits.created_message")
# (user, the client holding a number the user typed) -> {"url", "label"} or None: what the
# duplicate-number refusal offers (ownership: 申请转移)
number_taken: Hook[Callable[[Any, Any], dict[str, str] | None]] = Hook("visits.number_taken")
# (client, by, day, risk level) -> extra arguments for client_prepare_plan in the demo
demo_plan: Hook[Callable[..., dict[str, Any]]] = Hook("visits.demo_plan")


@dataclass(frozen=True)
class VisitFormPart:
    """A form that comes with 记录拜访 (fieldwork: 外勤签到), saved with the visit or not at all.

    ``form(request)`` binds it (prefix its own; the page's context has it under ``name``);
    ``save(visit=, by=, form=)`` runs in the visit's transaction. ``respond`` (optional) answers
    the request another way — the offline queue's JSON: ``wants(request)``, then
    ``saved(request, visit)`` or ``refused(request, *forms)``."""

    name: str
    form: Callable[[HttpRequest], forms.BaseForm]
    save: Callable[..., Any]
    respond: Any = None


visit_form_parts: Hook[VisitFormPart] = Hook("visits.visit_form_parts")


class Responder(Protocol):
    def wants(self, request: HttpRequest) -> bool: ...

    def saved(self, request: HttpRequest, visit: Any) -> HttpResponse: ...

    def refused(self, request: HttpRequest, *bound: forms.BaseForm) -> HttpResponse: ...


def place_fields(form: forms.BaseForm, after: str, fields: dict[str, forms.Field]) -> None:
    """Add ``fields`` to ``form`` right after the field ``after`` (the page shows them in order)."""
    items = list(form.fields.items())
    at = next(i for i, (name, _field) in enumerate(items) if name == after) + 1
    form.fields = dict(items[:at] + list(fields.items()) + items[at:])
