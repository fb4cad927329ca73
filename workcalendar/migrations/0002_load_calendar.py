"""Seeds the calendar with every year chinese-calendar knows (statutory holidays and 调休)."""

from django.db import migrations


def load(apps, schema_editor):
    from workcalendar.loader import load_years

    load_years(apps.get_model("workcalendar", "WorkCalendarDay"),
               apps.get_model("workcalendar", "WorkCalendarYear"))


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
