"""Queryset rules every app shares."""

from __future__ import annotations

from typing import Self

from django.db import models


class LiveQuerySet(models.QuerySet):
    """Rows not archived. Archived rows are kept for the record (nothing is deleted) but no longer
    count as current anywhere: lists, plans, reports."""

    def live(self) -> Self:
        return self.filter(archived_at__isnull=True)
