"""The demo built early in the morning has no afternoon yet (issue 24): nothing it records is
stamped after the moment it was built, and no visit of today is at a later hour."""

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from visits.models import Visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_seed_demo_at_eight_stamps_nothing_later(monkeypatch):
    real, real_now = timezone.now(), timezone.now
    built = timezone.make_aware(dt.datetime.combine(timezone.localdate(real), dt.time(8, 0)))
    monkeypatch.setattr(timezone, "now", lambda: built)
    call_command("seed_demo", stdout=StringIO())
    late = []
    for model in apps.get_models():
        if model._meta.app_label == "workcalendar":  # loaded by its migration, not by the demo
            continue
        for field in model._meta.fields:
            stamped_now = field.default is real_now or getattr(field, "auto_now_add", False)
            # a stamp Django writes itself (the real moment of the build) is not the demo's story
            if isinstance(field, models.DateTimeField) and not stamped_now:
                rows = model._default_manager.filter(**{f"{field.name}__gt": built})
                late += [
                    f"{model.__name__}.{field.name}: {v}"
                    for v in rows.values_list(field.name, flat=True)[:3]
                ]
    assert not late, late
    today = timezone.localdate(built)
    assert not Visit.objects.filter(date=today, time__gt=dt.time(8, 0)).exists()
