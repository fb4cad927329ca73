"""The upload form and the confirmation's exclusions; forms check input only, services decide."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salesops.forms import BaseForm, VersionField


class UploadForm(BaseForm):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"),
        error_messages={
            "required": _("请选择要上传的 .xlsx 文件。"),
            "empty": _("文件是空的，请使用模板填写后上传。"),
            "invalid": _("请选择要上传的 .xlsx 文件。"),
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class ConfirmForm(BaseForm):
    version = VersionField()
    exclude = forms.TypedMultipleChoiceField(
        label=_("排除的行"),
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _("排除的行号不在文件中，请刷新后重试。")},
    )

    def __init__(self, *args: Any, rows: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the Excel row numbers the preview shows (the rows with errors and the sample)
        self.fields["exclude"].choices = [(str(n), str(n)) for n in rows]  # type: ignore[attr-defined]
