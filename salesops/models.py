"""Models shared by every app."""

from __future__ import annotations

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
