"""Factories for problem rows. The state may be given at construction, for test set-up only; the
application changes it through problems.services."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from problems.models import Problem


class ProblemFactory(DjangoModelFactory):
    class Meta:
        model = Problem

    raised_by = None
    team = factory.LazyAttribute(lambda o: o.raised_by.team)
    handler = factory.LazyAttribute(lambda o: o.raised_by)
    category = "system"
    severity = "medium"
    title = factory.Sequence(lambda n: f"问题{n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=5))
