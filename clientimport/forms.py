"""The upload form and the confirmation's exclusions; forms check input only, services decide."""

from __future__ import annotations

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

    def __init__(self, *args: Any, rows: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Excel row numbers of the data rows: 2 .. (header row + rows + generous blank rows)
        self.fields["exclude"].choices = [(str(n), str(n)) for n in range(1, rows + 10_002)]  # type: ignore[attr-defined]
