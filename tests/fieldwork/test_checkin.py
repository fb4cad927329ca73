"""记录拜访 with 外勤签到: the check-in is saved with the visit or not at all; every bad input is
refused with a message and nothing half-saved; the offline queue's JSON sync and its replay."""

import datetime as dt
import io
import json
import uuid
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from fieldwork import services
from fieldwork.models import CheckIn, ClientLocation, PositionState
from salesops.models import Submission
from salesops.services import ServiceError
from tests.visits.factories import ClientFactory, VisitFactory
from visits.models import Client, Visit

from .images import bomb_png, jpeg_with_gps, small_png

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def mine(salesperson):
    return ClientFactory(salesperson=salesperson, status="visited", name="张先生")


def visit_post(client, **extra):
    now = timezone.localtime()
    data = {
        "client": client.pk,
        "date": now.date().isoformat(),
        "time": now.strftime("%H:%M"),
        "kind": "onsite",
        "purpose": "needs",
        "summary": "上门了解需求",
        "checkin-position_state": "ok",
        "checkin-latitude": "31.230400",
        "checkin-longitude": "121.473700",
        "checkin-accuracy": "15",
        "checkin-position_at": timezone.now().isoformat(),
    }
    data.update(extra)
    return data


def photo(data=None, name="site.jpg"):
    return SimpleUploadedFile(name, data or jpeg_with_gps(2000, 1500), content_type="image/jpeg")


def test_onsite_visit_with_position_and_photo(client_as, salesperson, mine):
    response = client_as(salesperson).post(
        reverse("visits:visit_log"), visit_post(mine, **{"checkin-photo": photo()})
    )
    assert response.status_code == 302
    visit = Visit.objects.get(client=mine)
    checkin = visit.checkin
    assert checkin.position_state == PositionState.OK
    assert checkin.latitude == Decimal("31.230400") and checkin.longitude == Decimal("121.473700")
    assert checkin.accuracy == 15
    assert checkin.photo.name.startswith("checkins/")
    with default_storage.open(checkin.photo.name) as f:
        stored = Image.open(io.BytesIO(f.read()))
    assert max(stored.size) <= 1600 and not stored.getexif()


def test_refused_position_is_recorded_as_refused(client_as, salesperson, mine):
    data = visit_post(
        mine,
        **{
            "checkin-position_state": "refused",
            "checkin-latitude": "",
            "checkin-longitude": "",
            "checkin-accuracy": "",
        },
    )
    client_as(salesperson).post(reverse("visits:visit_log"), data)
    checkin = CheckIn.objects.get(visit__client=mine)
    assert checkin.position_state == PositionState.REFUSED
    assert checkin.latitude is None and checkin.longitude is None


def test_refused_position_keeps_no_coordinates_even_if_sent(salesperson, mine):
    visit = VisitFactory(client=mine)
    checkin = services.checkin_record(
        visit=visit,
        by=salesperson,
        position_state="refused",
        latitude=Decimal("31.2"),
        longitude=Decimal("121.4"),
    )
    assert checkin.latitude is None


def test_invited_visit_has_no_checkin(client_as, salesperson, mine):
    client_as(salesperson).post(reverse("visits:visit_log"), visit_post(mine, kind="invited"))
    assert Visit.objects.filter(client=mine).count() == 1
    assert not CheckIn.objects.exists()


def test_onsite_visit_without_checkin_stays_unsigned(client_as, salesperson, mine):
    data = {k: v for k, v in visit_post(mine).items() if not k.startswith("checkin-")}
    client_as(salesperson).post(reverse("visits:visit_log"), data)
    assert Visit.objects.filter(client=mine).count() == 1
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"checkin-latitude": "91"}, "纬度须在 -90 至 90 之间"),
        ({"checkin-latitude": "-90.5"}, "纬度须在 -90 至 90 之间"),
        ({"checkin-longitude": "180.01"}, "经度须在 -180 至 180 之间"),
        ({"checkin-longitude": "东经121"}, "经度须在 -180 至 180 之间"),
        ({"checkin-latitude": "NaN"}, "纬度须在 -90 至 90 之间"),
        ({"checkin-accuracy": "-3"}, "定位精度无效"),
        ({"checkin-accuracy": "inf"}, "定位精度无效"),
        ({"checkin-position_state": "faked"}, "有效"),
        ({"checkin-latitude": ""}, "定位信息不完整"),
        ({"checkin-position_at": "0001-01-01T00:00"}, "定位时间早于拜访日期"),
        ({"checkin-position_at": "not a time"}, "定位时间无效"),
    ],
)
def test_bad_position_is_refused_and_nothing_saved(client_as, salesperson, mine, extra, message):
    response = client_as(salesperson).post(reverse("visits:visit_log"), visit_post(mine, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Visit.objects.filter(client=mine).exists()
    assert not CheckIn.objects.exists()


def test_checkin_dated_in_the_future_is_refused(client_as, salesperson, mine):
    later = (timezone.now() + dt.timedelta(hours=2)).isoformat()
    response = client_as(salesperson).post(
        reverse("visits:visit_log"), visit_post(mine, **{"checkin-position_at": later})
    )
    assert "签到时间晚于当前时间" in response.content.decode()
    assert not Visit.objects.filter(client=mine).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: photo(b"GIF89a not really" * 40, "fake.gif"), "不是可识别的图片"),
        (lambda: photo(bomb_png(), "bomb.png"), "像素过多"),
        (lambda: photo(b"\xff\xd8" + b"\0" * (30 * 1024 * 1024), "huge.jpg"), "照片太大"),
    ],
)
def test_bad_photo_refuses_the_visit_too(client_as, salesperson, mine, upload, message):
    response = client_as(salesperson).post(
        reverse("visits:visit_log"), visit_post(mine, **{"checkin-photo": upload()})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Visit.objects.filter(client=mine).exists()
    assert not CheckIn.objects.exists()
    Client.objects.get(pk=mine.pk)  # unchanged


def test_bad_photo_for_a_new_client_leaves_no_client(client_as, salesperson, mine):
    data = (
        visit_post(mine, new_name="路遇客户", purpose="first")
        | {"client": ""}
        | {"checkin-photo": photo(b"not an image at all", "x.jpg")}
    )
    response = client_as(salesperson).post(reverse("visits:visit_log"), data)
    assert "不是可识别的图片" in response.content.decode()
    assert not Client.objects.filter(name="路遇客户").exists()


# --- the offline queue's sync: JSON, the one-time key, refusals -------------------------------------


def test_sync_answers_json_and_a_replay_saves_nothing(client_as, salesperson, mine):
    http = client_as(salesperson)
    key = str(uuid.uuid4())
    data = visit_post(mine, submission_key=key)
    first = http.post(reverse("visits:visit_log"), data | {"checkin-photo": photo()}, **JSON)
    assert first.status_code == 200
    answer = first.json()
    assert answer["ok"] and not answer["duplicate"]
    visit = Visit.objects.get(client=mine)
    assert answer["visit"] == visit.pk
    assert answer["url"] == reverse("visits:client_detail", args=[mine.pk])
    again = http.post(reverse("visits:visit_log"), data | {"checkin-photo": photo()}, **JSON)
    assert again.json() == answer | {"duplicate": True, "message": again.json()["message"]}
    assert Visit.objects.filter(client=mine).count() == 1
    assert CheckIn.objects.count() == 1
    assert Submission.objects.filter(key=key).count() == 1
    # the flash messages went to the device, not to the next page
    assert "已记录拜访" not in http.get(reverse("home")).content.decode()


def test_the_device_asks_whether_a_key_was_saved(client_as, salesperson, salesperson2, mine):
    key = str(uuid.uuid4())
    url = reverse("fieldwork:submission", args=[key])
    assert client_as(salesperson).get(url).json() == {"saved": False}
    client_as(salesperson).post(reverse("visits:visit_log"), visit_post(mine, submission_key=key))
    assert client_as(salesperson).get(url).json() == {"saved": True}
    assert client_as(salesperson2).get(url).json() == {"saved": False}  # only my own keys


def test_sync_of_a_client_no_longer_mine_is_refused_with_a_message(
    client_as, salesperson, salesperson2, mine
):
    Client.objects.filter(pk=mine.pk).update(salesperson=salesperson2)
    response = client_as(salesperson).post(
        reverse("visits:visit_log"), visit_post(mine, submission_key=str(uuid.uuid4())), **JSON
    )
    assert response.status_code == 422
    answer = response.json()
    assert not answer["ok"]
    assert "该客户已不由您负责" in answer["message"]
    assert not Visit.objects.exists()


def test_sync_of_a_client_that_moved_on_is_refused_with_the_service_message(
    client_as, salesperson, mine
):
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        visit_post(mine, purpose="first", submission_key=str(uuid.uuid4())),
        **JSON,
    )
    assert response.status_code == 422
    assert response.json()["message"]
    assert not Visit.objects.exists()


def test_sync_of_a_bad_photo_is_refused_as_json(client_as, salesperson, mine):
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        visit_post(mine, **{"checkin-photo": photo(b"nope", "x.jpg")}),
        **JSON,
    )
    assert response.status_code == 422
    assert "不是可识别的图片" in response.json()["message"]
    assert not Visit.objects.exists()


def test_form_shows_the_checkin_part(client_as, salesperson):
    body = client_as(salesperson).get(reverse("visits:visit_log")).content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'name="checkin-position_state"' in body
    assert 'name="checkin-photo"' in body
    assert "js/checkin.js" in body
    assert json.loads(body.split('id="checkin-text" type="application/json">')[1].split("<")[0])


# --- distance, client page, photo access ---------------------------------------------------------------


def test_distance_from_the_client_address(salesperson, mine):
    ClientLocation.objects.create(
        client=mine, latitude=Decimal("31.230400"), longitude=Decimal("121.473700")
    )
    visit = VisitFactory(client=mine)
    checkin = services.checkin_record(
        visit=visit,
        by=salesperson,
        position_state="ok",
        latitude=Decimal("31.239400"),  # 0.009° north: about 1 km
        longitude=Decimal("121.473700"),
        accuracy=10,
        position_at=timezone.now(),
    )
    assert services.checkin_distance(checkin) == pytest.approx(1000.8, abs=2)


def test_a_second_checkin_for_a_visit_is_refused(salesperson, mine):
    visit = VisitFactory(client=mine)
    services.checkin_record(visit=visit, by=salesperson, position_state="refused")
    with pytest.raises(ServiceError, match="这次拜访已经签到过"):
        services.checkin_record(visit=visit, by=salesperson, position_state="refused")


def test_client_page_shows_the_checkin_and_photo_is_scoped(
    client_as, salesperson, salesperson2, manager, other_manager, mine
):
    client_as(salesperson).post(
        reverse("visits:visit_log"), visit_post(mine, **{"checkin-photo": photo(small_png())})
    )
    checkin = CheckIn.objects.get()
    page = client_as(manager).get(reverse("visits:client_detail", args=[mine.pk]))
    body = page.content.decode()
    assert "签到" in body and "31.23040" in body
    url = reverse("fieldwork:photo", args=[checkin.pk])
    assert url in body
    assert reverse("fieldwork:client_location", args=[checkin.pk]) in body
    mine_photo = client_as(salesperson).get(url)
    assert mine_photo.status_code == 200 and mine_photo["Content-Type"] == "image/jpeg"
    assert b"".join(mine_photo.streaming_content)[:2] == b"\xff\xd8"
    assert client_as(manager).get(url).status_code == 200
    assert client_as(salesperson2).get(url).status_code == 404
    assert client_as(other_manager).get(url).status_code == 404


def test_client_location_from_a_checkin(client_as, salesperson, salesperson2, mine):
    visit = VisitFactory(client=mine)
    checkin = services.checkin_record(
        visit=visit,
        by=salesperson,
        position_state="ok",
        latitude=Decimal("31.2304"),
        longitude=Decimal("121.4737"),
        position_at=timezone.now(),
    )
    url = reverse("fieldwork:client_location", args=[checkin.pk])
    assert client_as(salesperson2).post(url).status_code == 404
    response = client_as(salesperson).post(url)
    assert response.status_code == 302
    assert ClientLocation.objects.get(client=mine).latitude == Decimal("31.230400")


def test_a_refusal_on_sync_names_the_fields_for_edit_and_resend(
    client_as, salesperson, other_salesperson
):
    """编辑后重发: the JSON refusal carries each error under the field's name in the form (the
    queue page shows it beside the field it fills again)."""
    ClientFactory(
        salesperson=other_salesperson, phone="13812345678", phone_normalized="+8613812345678"
    )
    data = visit_post(ClientFactory(salesperson=salesperson), submission_key=str(uuid.uuid4()))
    data.update(client="", new_name="路遇客户", new_phone="138 1234 5678", purpose="first")
    response = client_as(salesperson).post(reverse("visits:visit_log"), data, **JSON)
    assert response.status_code == 422
    answer = response.json()
    assert list(answer["fields"]) == ["new_phone"]
    assert "该号码已是 黄* 的客户" in answer["fields"]["new_phone"][0]
    assert not Visit.objects.exists()
