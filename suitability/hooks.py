"""How suitability plugs into the client pipeline and the pages of others (visits/extensions.py,
salesops/registry.py): the plan gate, the plan form's fields, the client page's 适当性 card."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salesops import limits, registry
from salesops.forms import DayField
from salesops.registry import Block
from visits import extensions as visits

from . import gate, queries
from .models import Product

registry.home_context.register(queries.home_context)
registry.home_blocks.register(
    Block("suitability/_home.html", 60, frozenset({"salesperson", "analyst", "manager"})),
    key="suitability",
)
registry.menu.register(Block("suitability/_nav.html", 100), key="suitability")
registry.todo.register(queries.todo_lines)


class PlanGate:
    """suitability/gate.py as the pipeline's plan gate, inside client_prepare_plan's transaction."""

    def may_prepare(self, *, client: Any, by: Any) -> None:
        gate.check_may_prepare(client=client, by=by)

    def check(
        self,
        *,
        client: Any,
        day: dt.date,
        products: Any = None,
        insistence: str = "",
        risk_warning_signed_on: dt.date | None = None,
    ) -> gate.Check:
        return gate.check_plan(
            client=client,
            products=products,
            day=day,
            insistence=insistence,
            risk_warning_signed_on=risk_warning_signed_on,
        )

    def record(self, *, check: Any, plan: Any, by: Any, revisit_due: dt.date) -> None:
        gate.record(check=check, plan=plan, by=by, revisit_due=revisit_due)


visits.plan_gates.register(PlanGate(), key="suitability")


class ProductsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} · {obj.get_risk_level_display()}"


def plan_fields(action: str, form: forms.BaseForm) -> None:
    """制定投资方案 names catalogue products; insistence and the risk warning when one is above
    the client's level."""
    if action != "prepare_plan":
        return
    products = ProductsField(
        label=_("推荐产品"),
        queryset=Product.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("产品风险等级（R1–R5）不得高于客户的风险承受能力等级（C1–C5）。"),
    )
    visits.place_fields(form, "content", {"products": products})
    visits.place_fields(
        form,
        "revisit_due",
        {
            "insistence": forms.CharField(
                label=_("客户书面坚持意见（产品高于客户等级时填写）"),
                max_length=limits.TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            ),
            "risk_warning_signed_on": DayField(label=_("风险揭示书签署日期"), required=False),
        },
    )


visits.action_form_parts.register(plan_fields)


def client_page(request: Any, client: Any) -> dict[str, Any]:
    return {"suitability": queries.client_section(client, request.user)}


def offered(user: Any, client: Any, action: str, page: dict[str, Any]) -> bool:
    """No 制定投资方案 while a plan waits for the manager (suitability.rules.can_prepare_plan)."""
    return action != "prepare_plan" or page["suitability"]["can_prepare_plan"]


def created_message(action: str, created: Any) -> str | None:
    """A plan the client insisted on waits for the manager: the message says so."""
    return queries.plan_created_message(created) if action == "prepare_plan" else None


def demo_plan(*, client: Any, by: Any, day: dt.date, risk: str) -> dict[str, Any]:
    """The demo's client is assessed (at the plan's level) before the plan names products."""
    from . import demo

    demo.assess_on(client, by, day, level=int(risk[1]))
    return {"products": demo.products_of(risk)}


visits.client_page.register(client_page)
visits.offered_actions.register(offered)
visits.created_message.register(created_message)
visits.timeline.register(queries.timeline_events)
visits.plan_waiting.register(queries.waiting_plans)
visits.demo_plan.register(demo_plan)
