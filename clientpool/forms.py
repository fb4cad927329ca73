"""The pool page's two forms: claim the ticked clients, or assign them to a salesperson."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salesops.forms import BaseForm, ModelIdsField
from visits.models import Client


class ClaimForm(BaseForm):
    clients = ModelIdsField(
        label=_("公海客户"),
        queryset=Client.objects.none(),
        error_messages={
            "required": _("请至少选择一位公海客户。"),
            "invalid_choice": _("所选客户不在公海中，请刷新后重试。"),
            "invalid_pk_value": _("所选客户不在公海中，请刷新后重试。"),
            "invalid_list": _("所选客户不在公海中，请刷新后重试。"),
        },
    )

    def __init__(self, *args: Any, pool: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clients"].queryset = pool if pool is not None else Client.objects.none()  # type: ignore[attr-defined]


class AssignForm(ClaimForm):
    salesperson = forms.ModelChoiceField(
        label=_("分配给"),
        queryset=Client.objects.none(),
        error_messages={
            "required": _("请选择营销人员。"),
            "invalid_choice": _("请选择本团队的营销人员。"),
        },
    )

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["salesperson"]
        field.queryset = people  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: f"{u.display_name}（{u.team}）"  # type: ignore[attr-defined]
