import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from visits.models import Client, Visit


class ClientFactory(DjangoModelFactory):
    """A client in any state. The protected status may be given at construction, for test set-up;
    the application itself only changes it through visits.services."""

    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"客户{n}")
    phone = factory.Sequence(lambda n: f"137{n:08d}")
    salesperson = None
    team = factory.LazyAttribute(lambda o: o.salesperson.team)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """As visits.services.client_register: a new client moves the reports' data version."""
        from salesops.services import data_changed

        client = super()._create(model_class, *args, **kwargs)
        data_changed(client.team_id)
        return client


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit

    client = factory.SubFactory(ClientFactory)
    salesperson = factory.LazyAttribute(lambda o: o.client.salesperson)
    team = factory.LazyAttribute(lambda o: o.client.team)
    date = factory.LazyFunction(timezone.localdate)
    time = dt.time(10, 0)
    kind = "onsite"
    purpose = "first"
    summary = "面谈"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """A visit made for a test skips visit_log: keep the client's denormalised summary
        (Client.last_visit_on, visit_total) as the service would."""
        from salesops.services import data_changed
        from visits.services import visit_summary_refresh

        visit = super()._create(model_class, *args, **kwargs)
        visit_summary_refresh([visit.client_id])
        data_changed(visit.team_id)
        return visit
