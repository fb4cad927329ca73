import io

import pytest
from openpyxl import Workbook

HEADERS = ["客户姓名", "联系电话", "营销人员账号", "客户来源", "风险偏好", "备注"]


def make_xlsx(rows, headers=HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    if headers:
        sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def xlsx_file():
    return make_xlsx
