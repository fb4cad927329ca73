"""Training actions (3.3): the manager records a session and who attended it.

Each service is keyword-only, atomic, asks training.rules (403), locks the row it changes and
refuses with a ServiceError (nothing changed). Material files go through Django's storage API
(default_storage) and are handed out only by the scoped download view.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User
from salesops.services import (
    ServiceError,
    bump,
    lock_existing,
    now,
    require,
    required_text,
)

from . import rules
from .models import Attendance, TrainingSession

MAX_HOURS = Decimal(24)
MATERIAL_EXTENSIONS = frozenset(
    {".pdf", ".doc", ".docx", ".ppt", ".pptx", ".xls", ".xlsx", ".txt", ".png", ".jpg", ".jpeg"}
)


def material_max_bytes() -> int:
    return getattr(settings, "TRAINING_MATERIAL_MAX_BYTES", 10 * 1024 * 1024)


def _check_file(upload: UploadedFile) -> None:
    if upload.size is not None and upload.size > material_max_bytes():
        raise ServiceError(
            _("资料文件不能超过 %(mb)s MB。") % {"mb": material_max_bytes() // (1024 * 1024)},
            field="material_file",
        )
    if os.path.splitext(upload.name or "")[1].lower() not in MATERIAL_EXTENSIONS:
        raise ServiceError(
            _("资料文件只能是 PDF、Office 文档、文本或图片。"), field="material_file"
        )


@transaction.atomic
def session_save(
    *,
    team: Team,
    by: User,
    topic: str,
    date: dt.date,
    hours: Decimal,
    trainer: User | None = None,
    trainer_name: str = "",
    material: str = "",
    material_file: UploadedFile | None = None,
    session: TrainingSession | None = None,
    expected_version: int | None = None,
) -> TrainingSession:
    """Record a training session (or correct one): topic, date, hours, trainer (a person of the
    firm or an outside name), material as text and/or a file."""
    require(rules.may_run_training(by, team.pk))
    topic = required_text(topic, _("请填写培训主题。"), "topic")
    if hours is None or hours <= 0 or hours > MAX_HOURS:
        raise ServiceError(_("学时必须大于 0 且不超过 24。"), field="hours")
    trainer_name = (trainer_name or "").strip()
    if trainer is None and not trainer_name:
        raise ServiceError(_("请选择培训人，或填写外部培训人姓名。"), field="trainer")
    if trainer is not None:
        trainer_name = ""
    if material_file is not None:
        _check_file(material_file)
    if session is None:
        session = TrainingSession(team=team, created_by=by, version=0)
    else:
        if session.team_id != team.pk:
            raise ServiceError(_("培训记录不属于该团队。"))
        session = lock_existing(session, expected_version)
    session.topic, session.date, session.hours = topic, date, hours
    session.trainer, session.trainer_name = trainer, trainer_name
    session.material = (material or "").strip()
    if material_file is not None:
        # stored through default_storage (local disk or an object store); the old file is kept
        session.material_file.save(material_file.name or "material", material_file, save=False)
    return bump(session, by)


@transaction.atomic
def attendance_record(
    *,
    session: TrainingSession,
    by: User,
    present: Iterable[User],
    absent: Iterable[User] = (),
    expected_version: int | None,
) -> TrainingSession:
    """签到: mark who attended (and who was on the list but absent). Only members of the session's
    team can be on its list; a non-member is refused and nothing is recorded."""
    require(rules.may_run_training(by, session.team_id))
    present, absent = list(present), list(absent)
    outsiders = [p for p in present + absent if not rules.is_member(p, session.team_id)]
    if outsiders:
        names = gettext("、").join(p.display_name for p in outsiders)
        raise ServiceError(
            _("以下人员不是本团队成员，不能登记出勤：%(names)s。") % {"names": names},
            field="present",
        )
    fresh = lock_existing(session, expected_version)
    at = now()
    for person, attended in [(p, True) for p in present] + [(p, False) for p in absent]:
        Attendance.objects.update_or_create(
            session=fresh,
            person=person,
            defaults={"attended": attended, "recorded_by": by, "recorded_at": at},
        )
    return bump(fresh, by)
