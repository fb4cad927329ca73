"""Training (3.3): sessions, attendance, hours per month and year; refusals change nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import DownloadRecord
from salesops.services import ServiceError, StaleVersion
from training import queries, services
from training.models import Attendance, TrainingSession

pytestmark = pytest.mark.django_db
D = dt.date


def session(team, manager, day=None, hours="2.0", **kw):
    return services.session_save(
        team=team,
        by=manager,
        topic="产品知识",
        date=day or D(2026, 11, 5),
        hours=Decimal(hours),
        trainer=manager,
        **kw,
    )


def test_manager_records_a_session_and_attendance(team, manager, salesperson, salesperson2):
    s = session(team, manager, material="要点", trainer_name="")
    services.attendance_record(
        session=s, by=manager, present=[salesperson], absent=[salesperson2], expected_version=1
    )
    got = {a.person.username: a.attended for a in Attendance.objects.filter(session=s)}
    assert got == {"sales1": True, "sales2": False}
    assert TrainingSession.objects.get().version == 2
    assert s.history.count() == 2


def test_attendance_for_a_non_member_is_refused(team, manager, salesperson, other_salesperson):
    s = session(team, manager)
    with pytest.raises(ServiceError, match="黄伟"):
        services.attendance_record(
            session=s, by=manager, present=[salesperson, other_salesperson], expected_version=1
        )
    assert not Attendance.objects.exists()
    assert TrainingSession.objects.get().version == 1


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"topic": " "}, "topic", "请填写培训主题"),
        ({"hours": Decimal(0)}, "hours", "学时必须大于 0 且不超过 24"),
        ({"hours": Decimal(25)}, "hours", "学时必须大于 0 且不超过 24"),
        ({"trainer": None, "trainer_name": ""}, "trainer", "请选择培训人，或填写外部培训人姓名"),
    ],
)
def test_bad_session_input_is_refused(team, manager, kw, field, message):
    args = {
        "team": team,
        "by": manager,
        "topic": "合规",
        "date": D(2026, 11, 5),
        "hours": Decimal(2),
        "trainer": manager,
    } | kw
    with pytest.raises(ServiceError, match=message) as exc:
        services.session_save(**args)
    assert exc.value.field == field
    assert not TrainingSession.objects.exists()


def test_other_roles_cannot_record(team, salesperson, other_manager, leader):
    for user in (salesperson, other_manager, leader):
        with pytest.raises(PermissionDenied):
            session(team, user)
    assert not TrainingSession.objects.exists()


def test_material_file_too_big_or_wrong_kind_is_refused(settings, team, manager):
    settings.TRAINING_MATERIAL_MAX_BYTES = 10
    with pytest.raises(ServiceError, match="不能超过"):
        session(team, manager, material_file=SimpleUploadedFile("a.pdf", b"x" * 11))
    settings.TRAINING_MATERIAL_MAX_BYTES = 1000
    with pytest.raises(ServiceError, match="只能是"):
        session(team, manager, material_file=SimpleUploadedFile("a.exe", b"x"))
    assert not TrainingSession.objects.exists()


def test_stale_edit_is_refused(team, manager):
    s = session(team, manager)
    services.session_save(
        team=team,
        by=manager,
        topic="改",
        date=s.date,
        hours=s.hours,
        trainer=manager,
        session=s,
        expected_version=1,
    )
    with pytest.raises(StaleVersion, match="已被他人修改"):
        services.session_save(
            team=team,
            by=manager,
            topic="再改",
            date=s.date,
            hours=s.hours,
            trainer=manager,
            session=s,
            expected_version=1,
        )
    assert TrainingSession.objects.get().topic == "改"


def test_hours_per_month_and_year_by_hand(team, manager, salesperson, salesperson2):
    """王芳: Nov 2.0 + Nov 1.5 + Mar 3.0 (present), Dec 4.0 absent → Nov 3.5, year 6.5."""
    for day, hours, present, absent in (
        (D(2026, 11, 5), "2.0", [salesperson], [salesperson2]),
        (D(2026, 11, 20), "1.5", [salesperson, salesperson2], []),
        (D(2026, 3, 2), "3.0", [salesperson], []),
        (D(2026, 12, 1), "4.0", [salesperson2], [salesperson]),
        (D(2025, 11, 5), "8.0", [salesperson], []),
    ):
        s = session(team, manager, day=day, hours=hours)
        services.attendance_record(
            session=s, by=manager, present=present, absent=absent, expected_version=1
        )
    year = queries.person_year(salesperson, 2026)
    assert dict(year["months"])[11] == Decimal("3.5")
    assert dict(year["months"])[3] == Decimal("3.0")
    assert year["total"] == Decimal("6.5")
    rows = {r["person"].username: r for r in queries.team_hours(team.pk, D(2026, 11, 30))}
    assert (rows["sales1"]["month"], rows["sales1"]["year"]) == (Decimal("3.5"), Decimal("6.5"))
    assert (rows["sales2"]["month"], rows["sales2"]["year"]) == (Decimal("1.5"), Decimal("5.5"))


# --- pages ---------------------------------------------------------------------------------------


def test_create_page_saves_and_redirects(client_as, manager, settings):
    upload = SimpleUploadedFile("讲义.pdf", b"%PDF-1.4 test")
    response = client_as(manager).post(
        reverse("training:create"),
        {
            "topic": "适当性管理",
            "date": "2026-11-05",
            "hours": "1.5",
            "trainer": manager.pk,
            "material": "要点",
            "material_file": upload,
        },
    )
    s = TrainingSession.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/training/{s.pk}/"
    assert (s.topic, s.hours, s.team_id) == ("适当性管理", Decimal("1.5"), manager.team_id)
    assert s.material_file.name.startswith("training/")


def test_create_page_refusal_shows_the_message(client_as, manager):
    response = client_as(manager).post(
        reverse("training:create"), {"topic": "合规", "date": "2026-11-05", "hours": "2"}
    )
    assert response.status_code == 200
    assert "请选择培训人" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_attendance_page_records_and_refuses_outsiders(
    client_as, team, manager, salesperson, salesperson2, other_salesperson
):
    s = session(team, manager)
    c = client_as(manager)
    url = reverse("training:attendance", args=[s.pk])
    response = c.post(
        url, {"version": 1, "present": [other_salesperson.pk], "listed": []}, follow=True
    )
    assert "不是本团队成员" in response.content.decode()
    assert not Attendance.objects.exists()
    response = c.post(
        url,
        {"version": 1, "present": [salesperson.pk], "listed": [salesperson.pk, salesperson2.pk]},
    )
    assert response["Location"] == f"/training/{s.pk}/"
    got = {a.person_id: a.attended for a in Attendance.objects.all()}
    assert got == {salesperson.pk: True, salesperson2.pk: False}


def test_other_manager_gets_404(client_as, team, manager, other_manager, salesperson):
    s = session(team, manager)
    c = client_as(other_manager)
    assert c.get(reverse("training:detail", args=[s.pk])).status_code == 404
    response = c.post(
        reverse("training:attendance", args=[s.pk]),
        {"version": 1, "present": [salesperson.pk], "listed": [salesperson.pk]},
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_my_training_and_the_team_view_show_hours(client_as, team, manager, salesperson):
    s = session(team, manager, day=dt.date.today(), hours="2.5")
    services.attendance_record(session=s, by=manager, present=[salesperson], expected_version=1)
    mine = client_as(salesperson).get(reverse("training:mine")).content.decode()
    assert "产品知识" in mine and "2.5" in mine
    team_page = client_as(manager).get(reverse("training:list")).content.decode()
    assert 'id="team-hours"' in team_page and "2.5" in team_page


def test_material_download_is_scoped_and_recorded(
    client_as, team, manager, salesperson, salesperson2
):
    s = session(team, manager, material_file=SimpleUploadedFile("k.pdf", b"%PDF-1.4 k"))
    services.attendance_record(session=s, by=manager, present=[salesperson], expected_version=1)
    url = reverse("training:material", args=[s.pk])
    response = client_as(salesperson).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 k"
    assert DownloadRecord.objects.get().user == salesperson
    assert client_as(salesperson2).get(url).status_code == 404  # not on the list
    assert DownloadRecord.objects.count() == 1


def test_hours_are_shown_with_one_decimal_everywhere(client_as, team, manager, salesperson):
    """A month with a 3-hour session reads 3.0 beside the empty months' 0.0 (not "3")."""
    today = dt.date.today()
    s = session(team, manager, day=today, hours="3")
    services.attendance_record(session=s, by=manager, present=[salesperson], expected_version=1)
    year = queries.person_year(salesperson, today.year)
    assert [str(h) for _m, h in year["months"]].count("3.0") == 1
    assert str(year["total"]) == "3.0"
    (me,) = [r for r in queries.team_hours(team.pk, today) if r["person"] == salesperson]
    assert (str(me["month"]), str(me["year"])) == ("3.0", "3.0")
    mine = client_as(salesperson).get(reverse("training:mine")).content.decode()
    assert '<td class="text-end">3.0</td>' in mine and '<td class="text-end">3</td>' not in mine
