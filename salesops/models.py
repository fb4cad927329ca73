"""What every app shares in the database: the one-time submission keys of create forms."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


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
