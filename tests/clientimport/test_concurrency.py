"""Proven on PostgreSQL: the same import confirmed twice at once is imported once."""

import pytest

from clientimport import services
from tests.concurrency import race
from visits.models import Client

from .conftest import make_xlsx

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
]


def test_two_confirmations_at_once_import_once(manager, salesperson):
    batch = services.import_preview(
        by=manager,
        data=make_xlsx([(f"客户{i}", f"1590000000{i}", "sales1") for i in range(5)]),
        file_name="c.xlsx",
    )

    def confirm():
        return services.import_confirm(by=manager, batch=batch, excluded=[], expected_version=1)

    results = race(confirm, confirm)
    kinds = sorted(kind for kind, _ in results)
    assert kinds == ["error", "ok"], results
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, services.AlreadyImported)
    assert Client.objects.filter(name__startswith="客户").count() == 5
