"""The default risk assessment questionnaire (suitability/defaults.py), editable in the admin.

Existing clients keep their 风险偏好 text (visits.Client.risk_preference, shown as 原风险偏好); their
first assessment records it beside the new level.
"""

from django.db import migrations

from suitability.defaults import create_default


def create(apps, schema_editor):
    create_default(
        apps.get_model("suitability", "Questionnaire"),
        apps.get_model("suitability", "Question"),
        apps.get_model("suitability", "Choice"),
    )


class Migration(migrations.Migration):
    dependencies = [("suitability", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
