"""The annual plan's form: the year's four targets and each month's share. Validation only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salesops.forms import BaseForm, VersionField, count_field

from .services import Targets


def _deposit(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={"min_value": _("目标不能为负数。"), "invalid": _("请输入有效的金额。")},
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


class AnnualPlanForm(BaseForm):
    # absent while the plan does not exist yet; the service then refuses if it does
    version = VersionField(required=False)
    year = forms.IntegerField(min_value=2000, max_value=2099, widget=forms.HiddenInput)
    target_visits = count_field(_("全年拜访量"))
    target_new_clients = count_field(_("全年新客户"))
    target_accounts = count_field(_("全年开户数"))
    target_deposit_amount = _deposit(_("全年入金金额（元）"))
    notes = forms.CharField(
        label=_("计划说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, 13):
            self.fields[f"m{number}_target_visits"] = count_field(_("拜访量"))
            self.fields[f"m{number}_target_new_clients"] = count_field(_("新客户"))
            self.fields[f"m{number}_target_accounts"] = count_field(_("开户数"))
            self.fields[f"m{number}_target_deposit_amount"] = _deposit(_("入金（元）"))

    def month_rows(self) -> list[dict[str, Any]]:
        """The twelve months' bound fields, for the template's table."""
        return [
            {
                "month": number,
                "fields": [
                    self[f"m{number}_{measure}"]
                    for measure in (
                        "target_visits",
                        "target_new_clients",
                        "target_accounts",
                        "target_deposit_amount",
                    )
                ],
            }
            for number in range(1, 13)
        ]

    def targets(self, prefix: str = "") -> Targets:
        d = self.cleaned_data
        return Targets(
            target_visits=d[f"{prefix}target_visits"],
            target_new_clients=d[f"{prefix}target_new_clients"],
            target_accounts=d[f"{prefix}target_accounts"],
            target_deposit_amount=d[f"{prefix}target_deposit_amount"] or Decimal("0"),
        )

    def month_targets(self) -> list[Targets]:
        return [self.targets(f"m{number}_") for number in range(1, 13)]
