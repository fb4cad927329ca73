"""seed_demo's 外勤签到: this morning's onsite visits checked in, one position refused, one
salesperson's visits not checked in; the manager's day view and a client page show them."""

import pytest
from django.urls import reverse

from accounts.models import User
from fieldwork.models import CheckIn, ClientLocation

pytestmark = pytest.mark.django_db


def test_demo_has_checkins_for_the_day_view(demo_department, client_as):
    states = set(CheckIn.objects.values_list("position_state", flat=True))
    assert {"ok", "refused"} <= states
    assert CheckIn.objects.exclude(photo="").exists()
    assert ClientLocation.objects.exists()
    manager = User.objects.get(username="zhangym")
    body = client_as(manager).get(reverse("fieldwork:day")).content.decode()
    for state in ("signed", "refused", "not_signed"):
        assert f'data-checkin-state="{state}"' in body
    checkin = CheckIn.objects.filter(position_state="ok").select_related("visit").first()
    page = client_as(manager).get(reverse("visits:client_detail", args=[checkin.visit.client_id]))
    assert 'data-checkin-state="signed"' in page.content.decode()
