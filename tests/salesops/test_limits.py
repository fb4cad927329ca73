"""Every free-text field has a maximum length, at the model and in the form; rows longer than it
when the limits came in keep their full text in OverflowText (the data migration's function)."""

import inspect

import pytest
from django import forms
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

import plans.forms
import visits.forms
from plans.models import CommitmentLetter
from salesops import limits
from salesops.models import OverflowText
from salesops.overflow import CUT_MARK, keep_overflow
from tests.plans.factories import CommitmentLetterFactory, SalesTaskFactory
from tests.visits.factories import ClientFactory, VisitFactory
from visits.models import Client, Visit

PROJECT_APPS = ("accounts", "visits", "plans", "reports", "salesops")


def _text_fields():
    for app in PROJECT_APPS:
        for model in django_apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.CharField | models.TextField) and not field.choices:
                    yield model, field


def test_every_free_text_field_has_a_maximum_length():
    # OverflowText.text is the one exception: it holds what was longer than the maximum
    unbounded = [
        f"{m._meta.label}.{f.name}"
        for m, f in _text_fields()
        if not f.max_length and m is not OverflowText
    ]
    assert unbounded == []


def test_the_migration_list_names_every_bounded_text_field():
    declared = {
        (m._meta.label, f.name)
        for m, f in _text_fields()
        if isinstance(f, models.TextField)
        and m is not OverflowText
        and not m._meta.label.split(".")[1].startswith("Historical")
    }
    listed = {(label, f) for label, fields in limits.BOUNDED_FIELDS.items() for f in fields}
    assert declared == listed
    for label, fields in limits.BOUNDED_FIELDS.items():
        model = django_apps.get_model(label)
        for name, limit in fields.items():
            assert model._meta.get_field(name).max_length == limit, (label, name)


@pytest.mark.parametrize("module", [visits.forms, plans.forms])
def test_every_text_input_of_every_form_has_a_maximum_length(module):
    missing = []
    for name, form_class in inspect.getmembers(module, inspect.isclass):
        if not issubclass(form_class, forms.BaseForm) or form_class.__module__ != module.__name__:
            continue
        form = form_class()
        for field_name, field in form.fields.items():
            if type(field) is forms.CharField and not field.max_length:
                missing.append(f"{name}.{field_name}")
    assert missing == []


@pytest.mark.django_db
def test_keep_overflow_keeps_the_full_text_and_cuts_the_row(salesperson):
    long_client = ClientFactory(salesperson=salesperson, name="长备注")
    short_client = ClientFactory(salesperson=salesperson, name="短备注", remarks="正常备注")
    Client.objects.filter(pk=long_client.pk).update(
        remarks="备" * 2500, investment_needs="x" * 2000
    )
    visit = VisitFactory(client=short_client)
    Visit.objects.filter(pk=visit.pk).update(summary="A" * 20000)
    letter = CommitmentLetterFactory(task=SalesTaskFactory(salesperson=salesperson))
    CommitmentLetter.objects.filter(pk=letter.pk).update(text="诺" * 3000)

    assert keep_overflow(django_apps, None, "visits", limits.BOUNDED_FIELDS) == 2
    assert keep_overflow(django_apps, None, "plans", limits.BOUNDED_FIELDS) == 1

    long_client.refresh_from_db()
    assert len(long_client.remarks) == 2000
    assert long_client.remarks == "备" * (2000 - len(CUT_MARK)) + CUT_MARK
    assert long_client.investment_needs == "x" * 2000  # exactly the limit: untouched
    short_client.refresh_from_db()
    assert short_client.remarks == "正常备注"
    visit.refresh_from_db()
    assert len(visit.summary) == 2000 and visit.summary.endswith(CUT_MARK)
    letter.refresh_from_db()
    assert len(letter.text) == 2000

    kept = {
        (o.content_type.model, o.object_id, o.field): o.text for o in OverflowText.objects.all()
    }
    assert kept == {
        ("client", long_client.pk, "remarks"): "备" * 2500,
        ("visit", visit.pk, "summary"): "A" * 20000,
        ("commitmentletter", letter.pk, "text"): "诺" * 3000,
    }
    assert OverflowText.objects.get(field="remarks").obj == long_client

    # running it again changes nothing
    assert keep_overflow(django_apps, None, "visits", limits.BOUNDED_FIELDS) == 0
    assert OverflowText.objects.count() == 3
    assert ContentType.objects.filter(model="client").count() == 1


@pytest.mark.django_db
def test_a_letter_past_its_maximum_is_refused_and_nothing_changes(client_as, salesperson):
    letter = CommitmentLetterFactory(task=SalesTaskFactory(salesperson=salesperson))
    response = client_as(salesperson).post(
        reverse("plans:letter_write", args=[letter.pk]),
        {"text": "诺" * (limits.TEXT + 1), "version": letter.version},
        follow=True,
    )
    assert response.status_code == 200
    assert "2000" in response.content.decode()  # the message says the maximum
    letter.refresh_from_db()
    assert letter.text == "我承诺完成本月任务"


@pytest.mark.django_db
def test_a_visit_summary_past_its_maximum_is_a_field_error(client_as, salesperson):
    client = ClientFactory(salesperson=salesperson)
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "client": client.pk,
            "date": "2026-11-10",
            "kind": "onsite",
            "purpose": "first",
            "summary": "x" * (limits.TEXT + 1),
        },
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not Visit.objects.exists()
