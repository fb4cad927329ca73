"""Excel import: every row's errors in the preview, exclusions, all or nothing, bad files, replay."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from clientimport import resources, services
from clientimport.models import ClientImport
from reports.models import DownloadRecord
from salesops.services import ServiceError
from tests.visits.factories import ClientFactory
from visits.models import Client

from .conftest import make_xlsx

pytestmark = pytest.mark.django_db

UPLOAD = "/imports/upload/"


def _preview(user, rows, **kwargs):
    return services.import_preview(by=user, data=make_xlsx(rows, **kwargs), file_name="c.xlsx")


def _messages(batch):
    return {r["row"]: " ".join(r["messages"]) for r in batch.preview["errors"]}


def test_preview_names_each_kind_of_error(manager, salesperson, other_salesperson):
    ClientFactory(salesperson=salesperson, phone="138 1234 5678", phone_normalized="+8613812345678")
    batch = _preview(
        manager,
        [
            ("好客户", "13900000001", "sales1", "陌生拜访", "稳健型", "备注"),  # row 2: fine
            ("坏电话", "12345", "sales1", "", "", ""),  # 3
            ("老客户", "13812345678", "sales1", "", "", ""),  # 4: duplicate of an existing client
            ("重复行", "139-0000-0001", "sales1", "", "", ""),  # 5: duplicate of row 2
            ("无此人", "13900000002", "nobody", "", "", ""),  # 6
            ("外队", "13900000003", other_salesperson.username, "", "", ""),  # 7: not my team
            ("风险", "13900000004", "sales1", "", "激进型", ""),  # 8
            ("", "13900000005", "sales1", "", "", ""),  # 9: no name
            ("来源", "13900000006", "sales1", "路上", "", ""),  # 10
        ],
    )
    errors = _messages(batch)
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "电话号码不正确" in errors[3]
    assert "已有客户" in errors[4]
    assert "第 2 行" in errors[5]
    assert "未知的营销人员" in errors[6] and "未知的营销人员" in errors[7]
    assert "风险偏好" in errors[8]
    assert "客户姓名" in errors[9]
    assert "客户来源" in errors[10]
    assert batch.rows_total == 9 and batch.rows_invalid == 8
    assert [r["row"] for r in batch.preview["sample"]] == [2]
    assert not Client.objects.filter(name="好客户").exists()  # a preview imports nothing


def test_clean_file_imports_every_row(manager, salesperson, salesperson2):
    batch = _preview(
        manager,
        [
            ("甲", "13900000001", "sales1", "客户转介绍", "保守型", "老同学"),
            ("乙", "010-12345678", "sales2", "", "aggressive", ""),
        ],
    )
    assert batch.rows_invalid == 0
    done = services.import_confirm(
        by=manager, batch=batch, excluded=[], expected_version=batch.version
    )
    assert done.imported_count == 2 and done.status == "imported"
    a = Client.objects.get(name="甲")
    assert (a.salesperson, a.team, a.status, a.source, a.risk_preference, a.remarks) == (
        salesperson,
        salesperson.team,
        "prospect",
        "referral",
        "conservative",
        "老同学",
    )
    assert Client.objects.get(name="乙").phone == "010-12345678"
    assert a.phone_normalized == "+8613900000001"
    assert a.history.first().history_user == manager


def test_bad_rows_must_be_excluded(manager, salesperson):
    batch = _preview(manager, [("甲", "13900000001", "sales1"), ("乙", "bad", "sales1")])
    with pytest.raises(ServiceError, match="第 3 行"):
        services.import_confirm(by=manager, batch=batch, excluded=[], expected_version=1)
    assert not Client.objects.filter(name="甲").exists()
    done = services.import_confirm(by=manager, batch=batch, excluded=[3], expected_version=1)
    assert done.imported_count == 1 and done.excluded == [3]
    assert (
        Client.objects.filter(name="甲").exists() and not Client.objects.filter(name="乙").exists()
    )


def test_a_good_row_may_be_excluded_too(manager, salesperson):
    batch = _preview(manager, [("甲", "13900000001", "sales1"), ("乙", "13900000002", "sales1")])
    services.import_confirm(by=manager, batch=batch, excluded=[2], expected_version=1)
    assert list(Client.objects.values_list("name", flat=True)) == ["乙"]


def test_data_changed_since_preview_is_refused(manager, salesperson):
    batch = _preview(manager, [("甲", "13900000001", "sales1")])
    ClientFactory(
        salesperson=salesperson, phone="13900000001", phone_normalized="+8613900000001", name="抢先"
    )
    with pytest.raises(services.RowsStillInvalid, match="第 2 行有错误"):
        services.import_confirm(by=manager, batch=batch, excluded=[], expected_version=1)
    assert not Client.objects.filter(name="甲").exists()


def test_failure_mid_import_rolls_every_row_back(manager, salesperson, monkeypatch):
    monkeypatch.setattr(resources.ClientImportResource._meta, "batch_size", 2)
    calls = []

    def flaky(objs, model, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return bulk_create_with_history(objs, model, **kwargs)

    monkeypatch.setattr(resources, "bulk_create_with_history", flaky)
    rows = [(f"客户{i}", f"1390000000{i}", "sales1") for i in range(5)]
    batch = _preview(manager, rows)
    before = Client.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - whatever the failure, nothing stays
        services.import_confirm(by=manager, batch=batch, excluded=[], expected_version=1)
    assert calls[0] == 2  # the first batch was written, then rolled back
    assert Client.objects.count() == before
    assert ClientImport.objects.get(pk=batch.pk).status == "previewed"


def test_confirm_twice_imports_once(manager, salesperson):
    batch = _preview(manager, [("甲", "13900000001", "sales1")])
    services.import_confirm(by=manager, batch=batch, excluded=[], expected_version=1)
    with pytest.raises(services.AlreadyImported, match="这个文件已经导入过"):
        services.import_confirm(by=manager, batch=batch, excluded=[], expected_version=1)
    assert Client.objects.filter(name="甲").count() == 1


def test_replayed_confirm_post_adds_nothing(client_as, manager, salesperson):
    batch = _preview(manager, [("甲", "13900000001", "sales1")])
    c = client_as(manager)
    url = reverse("clientimport:confirm", args=[batch.pk])
    first = c.post(url, {"version": 1})
    second = c.post(url, {"version": 1}, follow=True)
    assert first.status_code == 302
    assert "没有重复导入" in second.content.decode()
    assert Client.objects.filter(name="甲").count() == 1


def test_upload_page_flow(client_as, manager, salesperson):
    c = client_as(manager)
    assert c.get("/imports/").status_code == 200
    data = make_xlsx([("甲", "13900000001", "sales1"), ("乙", "x", "sales1")])
    response = c.post(UPLOAD, {"file": SimpleUploadedFile("c.xlsx", data)})
    assert response.status_code == 302
    page = c.get(response["Location"]).content.decode()
    assert "电话号码不正确" in page and "甲" in page


def _refused(c, content, name="c.xlsx"):
    response = c.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})
    assert ClientImport.objects.count() == 0
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (b"name,phone\n\xe5\xbc\xa0,138\n", "只能导入 Excel .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "只能导入 Excel .xlsx"),  # old .xls
        (b"PK\x03\x04 not really a zip", "只能导入 Excel .xlsx"),
    ],
    ids=["empty", "csv", "xls", "fake-zip"],
)
def test_bad_files_are_refused(client_as, manager, content, message):
    status, body = _refused(client_as(manager), content)
    assert status == 400 and message in body


def test_zip_that_is_not_a_workbook(client_as, manager):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    status, body = _refused(client_as(manager), out.getvalue())
    assert status == 400 and "不是有效的 .xlsx" in body


def test_header_only_and_wrong_header(client_as, manager):
    status, body = _refused(client_as(manager), make_xlsx([]))
    assert status == 400 and "没有客户数据" in body
    status, body = _refused(client_as(manager), make_xlsx([("a", "b")], headers=["x", "y"]))
    assert status == 400 and "缺少列" in body


def test_formulas_are_refused(client_as, manager, salesperson):
    status, body = _refused(client_as(manager), make_xlsx([("甲", "=1+1", "sales1")]))
    assert status == 400 and "公式" in body and "B2" in body
    status, body = _refused(
        client_as(manager), make_xlsx([("甲", "13900000001", "sales1", '=HYPERLINK("x")')])
    )
    assert status == 400 and "公式" in body


def test_50_mb_is_refused_before_it_is_read(client_as, manager):
    big = b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024)
    response = client_as(manager).post(UPLOAD, {"file": SimpleUploadedFile("big.xlsx", big)})
    assert response.status_code == 413
    assert "文件太大" in response.content.decode()
    assert ClientImport.objects.count() == 0


def test_too_many_rows(client_as, manager, settings):
    settings.CLIENT_IMPORT_MAX_ROWS = 3
    rows = [(f"客户{i}", f"1390000000{i}", "sales1") for i in range(4)]
    status, body = _refused(client_as(manager), make_xlsx(rows))
    assert status == 400 and "最多导入 3 行" in body


def test_salesperson_may_not_import(client_as, salesperson):
    c = client_as(salesperson)
    assert c.get("/imports/").status_code == 403
    assert c.get("/imports/template/").status_code == 403
    data = make_xlsx([("甲", "13900000001", "sales1")])
    assert c.post(UPLOAD, {"file": SimpleUploadedFile("c.xlsx", data)}).status_code == 403


def test_another_managers_import_is_404(client_as, manager, other_manager, salesperson):
    batch = _preview(manager, [("甲", "13900000001", "sales1")])
    c = client_as(other_manager)
    assert c.get(reverse("clientimport:preview", args=[batch.pk])).status_code == 404
    assert (
        c.post(reverse("clientimport:confirm", args=[batch.pk]), {"version": 1}).status_code == 404
    )
    assert not Client.objects.filter(name="甲").exists()


def test_template_download_is_recorded_and_reads_back(client_as, manager, salesperson):
    response = client_as(manager).get("/imports/template/")
    assert response.status_code == 200
    assert DownloadRecord.objects.filter(user=manager, kind="xlsx").exists()
    # the template uploaded unchanged imports nothing and says so: its example is on the notes
    # sheet, not a data row a user must remember to delete
    data = b"".join(response.streaming_content) if response.streaming else response.content
    before = Client.objects.count()
    with pytest.raises(ServiceError, match="文件中没有客户数据，请在表头下逐行填写"):
        services.import_preview(by=manager, data=data, file_name="t.xlsx")
    assert Client.objects.count() == before
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    notes = [str(c) for row in book.worksheets[1].values for c in row if c]
    assert any("13812345678" in n for n in notes)
    # the example, typed into the data sheet, is a valid row for this team
    ws = book.worksheets[0]
    ws.append(["张三", "13812345678", "sales1", "陌生拜访", "", ""])
    out = io.BytesIO()
    book.save(out)
    batch = services.import_preview(by=manager, data=out.getvalue(), file_name="t.xlsx")
    assert batch.rows_total == 1 and batch.rows_invalid == 0, batch.preview


def test_crafted_exclusions_are_refused(client_as, manager, salesperson):
    batch = _preview(manager, [("甲", "13900000001", "sales1")])
    c = client_as(manager)
    url = reverse("clientimport:confirm", args=[batch.pk])
    for value in ["²", "-1", "99999999999999999999", "abc"]:
        assert c.post(url, {"version": 1, "exclude": [value]}).status_code == 400
    assert c.post(url, {"version": "x"}).status_code == 400
    assert not Client.objects.filter(name="甲").exists()


def test_text_that_looks_like_a_formula_is_refused(client_as, manager, salesperson):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(make_xlsx([("甲", "13900000001", "sales1", "", "", "x")])))
    cell = book.active["F2"]
    cell.value = "=cmd|' /C calc'!A0"
    cell.data_type = "s"  # stored as text, not as a formula
    out = io.BytesIO()
    book.save(out)
    status, body = _refused(client_as(manager), out.getvalue())
    assert status == 400 and "F2" in body
