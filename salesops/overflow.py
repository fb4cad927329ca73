"""The data migration that bounds existing rows: longer text is kept whole in ``OverflowText``.

Each app's migration calls ``keep_overflow`` for its own models (``salesops.limits.BOUNDED_FIELDS``)
before the new maximum lengths apply; running it twice changes nothing.
"""

from __future__ import annotations

from django.db.models.functions import Length

CUT_MARK = "…（全文已另存）"


def bound(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, ending with the mark that says the rest is kept."""
    return text[: limit - len(CUT_MARK)] + CUT_MARK


def keep_overflow(apps, schema_editor, app_label: str, fields: dict[str, dict[str, int]]) -> int:
    """For every row of ``app_label``'s models in ``fields`` whose text is longer than its limit:
    save the full text in OverflowText and cut the field. Returns how many fields were cut."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    OverflowText = apps.get_model("salesops", "OverflowText")
    cut = 0
    for label, limits in fields.items():
        model_app, model_name = label.split(".")
        if model_app != app_label:
            continue
        Model = apps.get_model(model_app, model_name)
        content_type, _ = ContentType.objects.get_or_create(
            app_label=model_app, model=model_name.lower()
        )
        for field, limit in limits.items():
            long_rows = Model._base_manager.annotate(_len=Length(field)).filter(_len__gt=limit)
            for pk, text in long_rows.values_list("pk", field).iterator():
                OverflowText.objects.get_or_create(
                    content_type=content_type,
                    object_id=pk,
                    field=field,
                    defaults={"text": text},
                )
                Model._base_manager.filter(pk=pk).update(**{field: bound(text, limit)})
                cut += 1
    return cut
