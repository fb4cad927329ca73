"""Models shared by every app: the full text of overflowing fields, and the one-time
submission keys of create forms."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class OverflowText(models.Model):
    """The full text of a field that was longer than its maximum length when the limits came in.

    The row itself keeps the first part, ending "…（全文已另存）"; nothing typed was lost.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    obj = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("字段"), max_length=64)
    text = models.TextField(_("全文"))
    saved_at = models.DateTimeField(_("保存时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("超长原文")
        verbose_name_plural = _("超长原文")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="overflow_text_once_per_field"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.content_type.app_label}.{self.content_type.model}#{self.object_id}.{self.field}"
        )


class Submission(models.Model):
    """A create form's one-time key, recorded with what its first POST created.

    A create form carries a fresh key (``salesops.forms.OnceMixin``); ``salesops.views.run_create``
    records key → user → created object in the transaction that creates it. The same key posted again
    (the back button, a double tap, a retried request) creates nothing and shows that object."""

    key = models.UUIDField(_("提交编号"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.CASCADE
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("表单提交")
        verbose_name_plural = _("表单提交")

    def __str__(self) -> str:
        return str(self.key)
