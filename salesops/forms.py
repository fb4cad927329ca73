"""Form machinery every app shares: layout (crispy, no <form> tag: templates own it), the version
field of optimistic locking, and the date, time and money widgets. Forms validate input only; the
services decide and act."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

import django_filters
from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from salesops.badinput import control_characters_validator
from salesops.periods import MAX_YEAR, MIN_YEAR
from salesops.phones import normalize_phone

from . import clock

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Every date the app accepts lies in 2000–2099 (the periods' range): a year 1 or 9999 from a crafted
# request would overflow week/month arithmetic, and no business date lies outside.
MIN_DAY = dt.date(MIN_YEAR, 1, 1)
MAX_DAY = dt.date(MAX_YEAR, 12, 31)
# the largest count a database integer column holds (PostgreSQL integer)
MAX_COUNT = 2**31 - 1
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


def limit_text_fields(form: forms.BaseForm) -> None:
    """Text over a field's limit is never cut in the browser: a limited textarea has no
    ``maxlength`` but ``data-maxlength`` (static/js/app.js shows a counter under it, red past the
    limit), and the refusal names the field: "拜访情况最多 2000 字（现在 2345 字）"."""
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not isinstance(field, forms.CharField) or not limit:
            continue
        label = str(field.label or "").replace("%", "%%")
        message = gettext("%(label)s最多 %(limit_value)d 字（现在 %(show_value)d 字）")
        field.error_messages["max_length"] = message.replace("%(label)s", label)
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs["data-maxlength"] = str(limit)
            field.widget.attrs["data-over"] = gettext("已超出 {n} 字，请删去 {n} 字")


class CrispyMixin(_FormBase):
    """crispy-forms layout inside a template's own <form> (which carries the CSRF token). Every
    text field refuses control characters with an error on the field (salesops.badinput)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and (
                control_characters_validator not in field.validators
            ):
                field.validators.append(control_characters_validator)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        limit_text_fields(self)

    def full_clean(self) -> None:
        """A hidden field's error (a stale or missing version) has nowhere to show beside its field:
        it is shown above the form instead, where the user reads it."""
        super().full_clean()
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in self.errors:
                for error in self.errors.pop(name):
                    self.add_error(None, error)


class BaseForm(CrispyMixin, forms.Form):
    pass


class VersionField(forms.IntegerField):
    """The row's version as the user saw it. Required: a post without it (a replayed or hand-made
    request) is refused rather than allowed to overwrite someone else's change unchecked."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("页面已过期，请刷新后重试。"),
                "invalid": _("页面已过期，请刷新后重试。"),
                "min_value": _("页面已过期，请刷新后重试。"),
                "max_value": _("页面已过期，请刷新后重试。"),
            },
        )
        super().__init__(min_value=1, max_value=2**31 - 1, **kwargs)


class VersionedForm(BaseForm):
    """A form that edits (or moves) a versioned row; also used alone for POST-only buttons."""

    version = VersionField()


SUBMISSION_KEY = "submission_key"


class SubmissionKeyInput(forms.HiddenInput):
    """The key, marked for static/js/app.js: a form the user goes back to (the browser loads it
    afresh, with a new key, and restores what was typed) is given back the key it was sent with, so
    that sending it again is recognised and creates nothing."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"data-submission-key": "", **(attrs or {})})


class OnceMixin(_FormBase):
    """A create form's one-time submission key: a fresh hidden UUID each time the form is issued,
    posted back unchanged (also when the form is shown again with an error, since nothing was saved
    then). ``salesops.views.run_create`` saves once per key. Optional, so that a client without the
    key (a script) is served as before, only without the protection."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[SUBMISSION_KEY] = forms.UUIDField(
            required=False, widget=SubmissionKeyInput, initial=uuid.uuid4, label=_("提交编号")
        )


def day_in_range(value: dt.date | None) -> None:
    if value and not MIN_DAY <= value <= MAX_DAY:
        raise forms.ValidationError(
            _("日期须在 %(min)s 至 %(max)s 之间。"),
            code="date_range",
            params={"min": MIN_DAY.isoformat(), "max": MAX_DAY.isoformat()},
        )


class DayField(forms.DateField):
    """The one date field of every form: a date picker limited to 2000–2099."""

    default_validators = [day_in_range]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                attrs={"type": "date", "min": MIN_DAY.isoformat(), "max": MAX_DAY.isoformat()},
                format="%Y-%m-%d",
            ),
        )
        super().__init__(**kwargs)


class DayFilter(django_filters.DateFilter):
    """The date filter of every list: the same 2000–2099 date field as the forms."""

    field_class = DayField


def count_field(label: Any, **kwargs: Any) -> forms.IntegerField:
    """A whole number ≥ 0 that fits the database's integer column."""
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_COUNT,
        error_messages={
            "min_value": _("不能为负数。"),
            "max_value": _("数值过大。"),
            "invalid": _("请输入整数。"),
        },
        **kwargs,
    )


MONEY_INPUT = {"inputmode": "decimal", "autocomplete": "off"}
MONEY_INVALID = _("请输入数字金额，例如 10000")


def money_field(label: Any, required: bool = False) -> forms.DecimalField:
    """An amount in yuan. A text input (with the phone's number pad), not type=number: a browser
    empties a number input holding "一万", and the user would read "必填" instead of what is wrong."""
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        min_value=0.01,
        error_messages={
            "min_value": _("金额必须大于零。"),
            "invalid": MONEY_INVALID,
            "max_digits": _("金额过大。"),
            "max_whole_digits": _("金额过大。"),
            "max_decimal_places": _("金额最多保留两位小数。"),
        },
        widget=forms.TextInput(attrs=MONEY_INPUT),
    )


class PhoneField(forms.CharField):
    """A Chinese mobile or landline number (or one abroad with +), normalised by salesops.phones."""

    default_error_messages = {
        "invalid": _(
            "请输入正确的电话号码：手机号 11 位（如 13812345678），座机带区号（如 010-12345678）。"
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        normalized = normalize_phone(value)
        if normalized is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return normalized


def not_future(value: dt.date) -> dt.date:
    if value and value > clock.today():
        raise forms.ValidationError(_("日期不能晚于今天。"))
    return value


class ModelIdsField(forms.ModelMultipleChoiceField):
    """Several rows ticked by id. A hand-made id that is not a database integer (letters, a number
    past 64 bits) is an invalid choice, not a database error."""

    def _check_values(self, value: Any) -> Any:
        for v in value:
            text = str(v)
            if not (text.isascii() and text.isdigit()) or int(text) > 2**63 - 1:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": v},
                )
        return super()._check_values(value)  # type: ignore[misc]
