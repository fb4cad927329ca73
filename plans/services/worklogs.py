"""Work logs (工作日志): one per salesperson and day."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications import events
from salesops.services import (
    ServiceError,
    StaleVersion,
    bump,
    data_changed,
    require,
    today,
)

from .. import rules
from ..models import (
    WorkLog,
    WorkLogComment,
)


@transaction.atomic
def worklog_write(
    *,
    salesperson: User,
    date: dt.date,
    content: str,
    tomorrow: str = "",
    expected_version: int | None = None,
) -> WorkLog:
    """Write the day's log (one per day); with ``expected_version`` it edits the existing one."""
    require(rules.may_keep_plans(salesperson))
    team_id = salesperson.team_id
    assert team_id is not None  # may_keep_plans: a salesperson in a team
    if date > today():
        raise ServiceError(_("不能为未来的日期写日志。"), field="date")
    if not content.strip():
        raise ServiceError(_("请填写今天的工作内容。"), field="content")
    existing = (
        WorkLog.objects.select_for_update().filter(salesperson=salesperson, date=date).first()
    )
    if existing is None:
        if expected_version is not None:
            raise StaleVersion
        try:
            with transaction.atomic():
                data_changed(team_id)  # 日志篇数 in the work reports
                return WorkLog.objects.create(
                    salesperson=salesperson,
                    team_id=team_id,
                    date=date,
                    content=content,
                    tomorrow=tomorrow,
                )
        except IntegrityError:
            raise ServiceError(_("这一天已经写过日志，请修改已有的日志。"), field="date") from None
    if expected_version is None:
        raise ServiceError(_("这一天已经写过日志，请修改已有的日志。"), field="date")
    if existing.version != expected_version:
        raise StaleVersion
    existing.content, existing.tomorrow = content, tomorrow
    return bump(existing)


@transaction.atomic
def worklog_comment(*, log: WorkLog, by: User, text: str) -> WorkLogComment:
    """批注: the manager of the log's team comments on it; the salesperson sees it with the log."""
    require(rules.may_comment_worklog(by, log))
    if not text.strip():
        raise ServiceError(_("请填写批注内容。"), field="text")
    comment = WorkLogComment.objects.create(log=log, author=by, text=text.strip())
    # the salesperson is told (bell and home) once the comment is saved
    transaction.on_commit(partial(events.worklog_commented, comment), robust=True)
    return comment
