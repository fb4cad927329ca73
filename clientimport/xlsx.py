"""Reading an uploaded client list (.xlsx) safely into a tablib Dataset for django-import-export.

The file is refused as a whole — with a message saying why — when it is empty, larger than
CLIENT_IMPORT_MAX_BYTES, not an .xlsx (checked by its zip signature and by openpyxl opening it, not by
its name), holds a formula (a formula cell, or text starting with "="), lacks a required column, has
no data rows, or has more than CLIENT_IMPORT_MAX_ROWS rows. openpyxl reads in read-only mode without
evaluating anything (``data_only=False``: a formula shows as the formula it is, not a cached value).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import tablib
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# the template's columns: dataset key, Chinese header (what the file carries), required
COLUMNS: list[tuple[str, Promise, bool]] = [
    ("name", _("客户姓名"), True),
    ("phone", _("联系电话"), True),
    ("salesperson", _("营销人员账号"), True),
    ("source", _("客户来源"), False),
    ("risk_preference", _("风险偏好"), False),
    ("remarks", _("备注"), False),
]
ROW = "row"  # the Excel row number, carried beside the columns
ZIP_MAGIC = b"PK\x03\x04"


class BadFile(Exception):
    """The file is refused as a whole; ``message`` says why (translated)."""

    def __init__(self, message: Any):
        super().__init__(str(message))
        self.message = str(message)


def max_bytes() -> int:
    return int(getattr(settings, "CLIENT_IMPORT_MAX_BYTES", 10 * 1024 * 1024))


def max_rows() -> int:
    return int(getattr(settings, "CLIENT_IMPORT_MAX_ROWS", 10_000))


def max_unzipped_bytes() -> int:
    return int(getattr(settings, "CLIENT_IMPORT_MAX_UNZIPPED_BYTES", 50 * 1024 * 1024))


def max_shared_strings_bytes() -> int:
    return int(getattr(settings, "CLIENT_IMPORT_MAX_SHARED_STRINGS_BYTES", 16 * 1024 * 1024))


def unzipped_refusal(archive: zipfile.ZipFile) -> str | None:
    """Why a workbook is refused by what it would unpack to, before anything is unpacked, or None.

    A zip says each member's unpacked size, and Python's zipfile never reads past it, so the sum
    bounds the work: an .xlsx of a few MB repeating one long string (a "zip bomb") would otherwise
    unpack to gigabytes in the worker's memory (openpyxl keeps every shared string). Two caps:
    every member together (CLIENT_IMPORT_MAX_UNZIPPED_BYTES, 50 MB) and the shared strings alone
    (CLIENT_IMPORT_MAX_SHARED_STRINGS_BYTES, 16 MB); 10,000 real client rows need about 3 MB.
    """
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.filename.lower().endswith("sharedstrings.xml") and (
            info.file_size > max_shared_strings_bytes()
        ):
            return str(
                _(
                    "文件中的文字内容过多（解压后超过 %(max)s MB），无法导入。请只保留模板的列后再上传。"
                )
                % {"max": max_shared_strings_bytes() // 1024 // 1024}
            )
    if total > max_unzipped_bytes():
        return str(
            _("文件解压后过大（超过 %(max)s MB），无法导入。请只保留模板的列后再上传。")
            % {"max": max_unzipped_bytes() // 1024 // 1024}
        )
    return None


def size_refusal(size: int) -> str | None:
    """Why a file of ``size`` bytes is refused before it is read, or None."""
    if size > max_bytes():
        return str(
            _("文件太大（%(size)s MB），最大 %(max)s MB。请拆分后分批导入。")
            % {"size": round(size / 1024 / 1024, 1), "max": max_bytes() // 1024 // 1024}
        )
    return None


def _headers(row: tuple[Any, ...]) -> dict[int, str]:
    """Column index → dataset key, by the header text (Chinese, or the key itself)."""
    names: dict[str, str] = {}
    for key, header, _required in COLUMNS:
        names[str(header)] = key
        names[key] = key
    found: dict[int, str] = {}
    for index, value in enumerate(row):
        text = str(value).strip() if value is not None else ""
        if text in names and names[text] not in found.values():
            found[index] = names[text]
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone typed as a number: 13812345678.0
    return str(value).strip()


@dataclass
class Sheet:
    dataset: tablib.Dataset
    rows: int


def read(data: bytes) -> Sheet:
    """The first worksheet's client rows, or ``BadFile``."""
    if not data:
        raise BadFile(_("文件是空的，请使用模板填写后上传。"))
    refusal = size_refusal(len(data))
    if refusal:
        raise BadFile(refusal)
    if not data.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(io.BytesIO(data)):
        raise BadFile(_("只能导入 Excel .xlsx 文件（不是 .xls、.csv 或改了扩展名的文件）。"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            refusal = unzipped_refusal(archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BadFile(_("无法读取该文件：它不是有效的 .xlsx 工作簿。")) from None
    if refusal:
        raise BadFile(refusal)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # a damaged or foreign zip: openpyxl raises many kinds
        raise BadFile(_("无法读取该文件：它不是有效的 .xlsx 工作簿。")) from None
    try:
        return _read_sheet(workbook.worksheets[0] if workbook.worksheets else None)
    except BadFile:
        raise
    except Exception:
        raise BadFile(_("无法读取该文件：它不是有效的 .xlsx 工作簿。")) from None
    finally:
        workbook.close()


def _read_sheet(sheet: Any) -> Sheet:
    if sheet is None:
        raise BadFile(_("文件是空的，请使用模板填写后上传。"))
    from openpyxl.utils import get_column_letter

    keys = [key for key, _h, _r in COLUMNS]
    dataset = tablib.Dataset(headers=[ROW, *keys])
    columns: dict[int, str] | None = None
    limit = max_rows()
    for row_number, cells in enumerate(sheet.iter_rows(), start=1):
        # every row counts toward the limit, empty ones too: a sheet of millions of empty <row>
        # elements stops here instead of holding a worker (the header and one spare row allowed)
        if row_number > limit + 2:
            raise BadFile(
                _("表格超过 %(n)s 行（空行也计入），请删除多余的空行或拆分后分批导入。")
                % {"n": limit}
            )
        values: list[Any] = []
        for cell in cells:
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" or (
                isinstance(value, str) and value.lstrip().startswith("=")
            ):
                raise BadFile(
                    _("文件含有公式（单元格 %(cell)s），请复制后“粘贴为数值”再上传。")
                    % {"cell": f"{get_column_letter(len(values) + 1)}{row_number}"}
                )
            values.append(value)
        if not any(_text(v) for v in values):
            continue
        if columns is None:
            columns = _headers(tuple(values))
            missing = [
                str(header)
                for key, header, required in COLUMNS
                if required and key not in columns.values()
            ]
            if missing:
                raise BadFile(
                    _("第一行须为模板的表头，缺少列：%(columns)s。请下载模板后填写。")
                    % {"columns": "、".join(missing)}
                )
            continue
        if len(dataset) >= limit:
            raise BadFile(_("一次最多导入 %(n)s 行，请拆分后分批导入。") % {"n": limit})
        record = dict.fromkeys(keys, "")
        for index, key in columns.items():
            if index < len(values):
                record[key] = _text(values[index])
        dataset.append([row_number, *(record[k] for k in keys)])
    if columns is None or not len(dataset):
        raise BadFile(_("文件中没有客户数据，请在表头下逐行填写。"))
    return Sheet(dataset=dataset, rows=len(dataset))


def template_bytes(
    *, salespeople: list[tuple[str, str]], sources: list[str], risks: list[str]
) -> bytes:
    """The downloadable template: the header row only (uploaded unchanged it imports nothing and
    says so), plus a sheet of allowed values that also shows an example row."""
    sheet = tablib.Dataset(headers=[str(h) for _k, h, _r in COLUMNS], title=str(_("客户")))
    example_user = salespeople[0][0] if salespeople else "wangfang"
    example = ["张三", "13812345678", example_user, sources[0], risks[0], ""]
    notes = tablib.Dataset(headers=[str(_("列")), str(_("填写说明"))], title=str(_("填写说明")))
    notes.append([str(_("客户姓名")), str(_("必填，最多 50 字"))])
    notes.append(
        [str(_("联系电话")), str(_("必填：手机 11 位，座机带区号；与已有客户重复的不能导入"))]
    )
    notes.append(
        [
            str(_("营销人员账号")),
            str(_("必填，本团队在职营销人员：")) + "、".join(f"{u}（{n}）" for u, n in salespeople),
        ]
    )
    notes.append([str(_("客户来源")), "、".join(sources)])
    notes.append([str(_("风险偏好")), "、".join(risks) + str(_("；可留空"))])
    notes.append([str(_("备注")), str(_("选填"))])
    notes.append(["", str(_("不要使用公式；在「客户」表的表头下逐行填写，一次最多 10000 行。"))])
    notes.append(
        [
            str(_("示例")),
            " | ".join(
                f"{header}：{value}"
                for (_k, header, _r), value in zip(COLUMNS, example, strict=True)
                if value
            ),
        ]
    )
    book = tablib.Databook((sheet, notes))
    return book.export("xlsx")
