"""An Excel import of clients: the uploaded file (kept in default storage between the preview and
the confirmation), its preview (every row's errors) and, once confirmed, what was imported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("待确认")
    IMPORTED = "imported", _("已导入")
    # not confirmed within CLIENT_IMPORT_KEEP_DAYS: the file is deleted, the record kept
    EXPIRED = "expired", _("已过期")


class ClientImport(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    file_name = models.CharField(_("文件名"), max_length=200)
    stored = models.CharField(_("存储位置"), max_length=300)
    status = models.CharField(
        _("状态"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    rows_total = models.PositiveIntegerField(_("数据行数"), default=0)
    rows_invalid = models.PositiveIntegerField(_("有错误的行数"), default=0)
    # {"errors": [{"row": 3, "values": {...}, "messages": [...]}, ...], "sample": [...]}
    preview = models.JSONField(_("预览"), default=dict)
    excluded = models.JSONField(_("排除的行"), default=list)
    imported_count = models.PositiveIntegerField(_("导入客户数"), default=0)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    imported_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("客户导入")
        verbose_name_plural = _("客户导入")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} {self.get_status_display()}"
