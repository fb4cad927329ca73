"""The import machinery: a django-import-export ``ModelResource`` for visits.Client.

It turns each row of the uploaded sheet into a new client (widgets clean and check each column),
collects every row's errors (bad phone, duplicate phone, unknown salesperson, bad source or risk
preference, missing or too long text) and, when it is not a dry run, creates the clients in bulk with
their history (simple_history), all inside the caller's transaction. A dry run saves nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from salesops import limits
from salesops.phones import normalize_phone, phone_e164
from visits.models import Client, ClientSource, RiskPreference


class TextWidget(widgets.CharWidget):
    def __init__(self, *, max_length: int, required: bool = False, missing: str = ""):
        super().__init__()
        self.max_length = max_length
        self.required = required
        self.missing = missing

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = str(value or "").strip()
        if self.required and not text:
            raise ValueError(self.missing)
        if len(text) > self.max_length:
            raise ValueError(_("超过 %(n)s 字。") % {"n": self.max_length})
        return text


class PhoneWidget(widgets.CharWidget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = str(value or "").strip()
        if not text:
            raise ValueError(_("请填写联系电话。"))
        normalized = normalize_phone(text[:40])
        if not normalized:
            raise ValueError(
                _("电话号码不正确：手机号 11 位（如 13812345678），座机带区号（如 010-12345678）。")
            )
        return normalized


class LabelChoiceWidget(widgets.Widget):
    """A choice written as its Chinese label (保守型), its English label or its code."""

    def __init__(self, choices: Any, *, default: str, invalid: str):
        super().__init__()
        self.lookup: dict[str, str] = {}
        for code, label in choices.choices:
            self.lookup[code.lower()] = code
            self.lookup[str(label).lower()] = code
        self.default = default
        self.invalid = invalid

    def add_labels(self, labels: dict[str, str]) -> None:
        self.lookup.update({k.lower(): v for k, v in labels.items()})

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = str(value or "").strip()
        if not text:
            return self.default
        try:
            return self.lookup[text.lower()]
        except KeyError:
            raise ValueError(self.invalid % {"value": text[:50]}) from None


class SalespersonWidget(widgets.Widget):
    """A salesperson by login name, among the people the importer may give clients to."""

    def __init__(self, people: dict[str, User]):
        super().__init__()
        self.people = people

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> User:
        username = str(value or "").strip()
        if not username:
            raise ValueError(_("请填写营销人员账号。"))
        person = self.people.get(username)
        if person is None:
            raise ValueError(
                _("未知的营销人员账号「%(name)s」：须为您团队的在职营销人员。")
                % {"name": username[:50]}
            )
        return person


class ClientImportResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="name")
    phone = fields.Field(attribute="phone", column_name="phone", widget=PhoneWidget())
    salesperson = fields.Field(attribute="salesperson", column_name="salesperson")
    source = fields.Field(attribute="source", column_name="source")
    risk_preference = fields.Field(attribute="risk_preference", column_name="risk_preference")
    remarks = fields.Field(attribute="remarks", column_name="remarks")

    class Meta:
        model = Client
        fields = ("name", "phone", "salesperson", "source", "risk_preference", "remarks")
        force_init_instance = True  # every row is a new client; nothing is updated
        skip_diff = True
        use_bulk = True
        batch_size = 500
        clean_model_instances = False  # the widgets check every column; no query per row

    def __init__(self, *, by: User, people: dict[str, User], existing_phones: set[str]):
        super().__init__()
        self.by = by
        self.existing_phones = existing_phones
        self.seen: dict[str, int] = {}
        self.current_row = 0
        self.fields["name"].widget = TextWidget(
            max_length=limits.NAME, required=True, missing=_("请填写客户姓名。")
        )
        self.fields["remarks"].widget = TextWidget(max_length=limits.TEXT)
        self.fields["salesperson"].widget = SalespersonWidget(people)
        self.fields["source"].widget = LabelChoiceWidget(
            ClientSource,
            default=ClientSource.OTHER,
            invalid=_("客户来源「%(value)s」不在可选范围内（见模板的填写说明）。"),
        )
        self.fields["risk_preference"].widget = LabelChoiceWidget(
            RiskPreference,
            default="",
            invalid=_(
                "风险偏好「%(value)s」不正确，应为：保守型、稳健型、平衡型、成长型、进取型。"
            ),
        )

    def validate_instance(
        self, instance: Client, import_validation_errors: Any = None, validate_unique: bool = True
    ) -> None:
        """The columns' errors, plus a phone that an existing client or an earlier row has."""
        errors = dict(import_validation_errors or {})
        # the number's key, as visits.Client.phone_normalized keeps it (one number, one owner)
        phone = phone_e164(instance.phone) if "phone" not in errors else ""
        instance.phone_normalized = phone
        if phone:
            if phone in self.existing_phones:
                errors["phone"] = ValidationError(_("与已有客户的电话重复。"))
            elif phone in self.seen:
                errors["phone"] = ValidationError(
                    _("与本文件第 %(row)s 行的电话重复。") % {"row": self.seen[phone]}
                )
            else:
                self.seen[phone] = self.current_row
        if errors:
            raise ValidationError(errors)

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        self.current_row = int(row.get("row") or kwargs.get("row_number") or 0)

    def save_instance(self, instance: Client, is_create: bool, row: Any, **kwargs: Any) -> None:
        if self._is_dry_run(kwargs):
            return  # a preview saves nothing and needs no rollback
        instance.team_id = instance.salesperson.team_id or 0
        super().save_instance(instance, is_create, row, **kwargs)

    def bulk_create(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Any = None,
    ) -> None:
        """Create the batch with its history rows (who imported, why); a failure aborts the import."""
        if not self.create_instances or dry_run:
            self.create_instances.clear()
            return
        try:
            bulk_create_with_history(
                self.create_instances,
                Client,
                batch_size=batch_size,
                default_user=self.by,
                default_change_reason="Excel 导入",
            )
        except Exception as exc:
            self.handle_import_error(result, exc, raise_errors)
        finally:
            self.create_instances.clear()

    def after_import(self, dataset: Any, result: Any, **kwargs: Any) -> None:
        """No sequence reset: the clients were created by the database's own sequence."""
