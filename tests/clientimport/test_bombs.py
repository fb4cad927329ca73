"""Crafted workbooks (generated here, never committed): a zip bomb of shared strings and a sheet of
millions of empty rows are refused before they are unpacked or read to the end, in bounded memory."""

import io
import time
import tracemalloc
import zipfile

import pytest

from clientimport import xlsx

from .conftest import make_xlsx


def _replace(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook ``data`` with member ``name`` replaced by (or added as) ``content``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = content if info.filename == name else source.read(info.filename)
            target.writestr(info.filename, body)
        if name not in source.namelist():
            target.writestr(name, content)
    return out.getvalue()


def _shared_strings_bomb(repeat: int) -> bytes:
    long_text = "营" * 20_000
    entries = f"<si><t>{long_text}</t></si>" * repeat
    strings = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{repeat}" uniqueCount="{repeat}">{entries}</sst>'
    ).encode()
    return _replace(make_xlsx([("张三", "13812345678", "sales1")]), "xl/sharedStrings.xml", strings)


def test_shared_strings_bomb_is_refused_before_it_is_unpacked():
    data = _shared_strings_bomb(400)  # 24 MB of text in a file of well under 1 MB
    assert len(data) < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(xlsx.BadFile, match="文件中的文字内容过多（解压后超过 16 MB）"):
            xlsx.read(data)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, peak  # the refusal costs about the file, not what it unpacks to


def test_unzipped_total_is_capped(settings):
    settings.CLIENT_IMPORT_MAX_UNZIPPED_BYTES = 1024 * 1024
    settings.CLIENT_IMPORT_MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
    with pytest.raises(xlsx.BadFile, match="文件解压后过大（超过 1 MB）"):
        xlsx.read(_shared_strings_bomb(30))


def test_millions_of_empty_rows_stop_at_the_row_limit(settings):
    settings.CLIENT_IMPORT_MAX_ROWS = 100
    empty_rows = "".join(f'<row r="{n}"/>' for n in range(2, 200_002))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{empty_rows}</sheetData></worksheet>"
    ).encode()
    data = _replace(make_xlsx([]), "xl/worksheets/sheet1.xml", sheet)
    started = time.monotonic()
    with pytest.raises(xlsx.BadFile, match=r"表格超过 100 行（空行也计入）"):
        xlsx.read(data)
    assert time.monotonic() - started < 5  # stopped at row 103, not after 200,000


def test_a_real_list_still_reads():
    rows = [(f"客户{i}", f"138{i:08d}", "sales1", "", "", "备注" * 20) for i in range(2000)]
    sheet = xlsx.read(make_xlsx(rows))
    assert sheet.rows == 2000
