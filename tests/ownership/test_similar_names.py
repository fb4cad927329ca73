"""A name like one already in the team is a warning with a confirm step, never a refusal."""

import pytest
from django.urls import reverse

from salesops.services import ServiceError
from tests.visits.factories import ClientFactory
from visits import services
from visits.models import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["张三", " 张 三 ", "张三丰", "张"])
def test_a_like_name_in_the_team_asks_for_confirmation(salesperson, salesperson2, name):
    ClientFactory(salesperson=salesperson2, name="张三" if name != "张" else "张")
    before = Client.objects.count()
    like = "张三" if name != "张" else "张"
    with pytest.raises(ServiceError, match=f"本团队已有姓名相近的客户：{like}（李强）") as exc:
        services.client_register(by=salesperson, name=name, confirm_similar=False)
    assert exc.value.field == "confirm_similar"
    assert Client.objects.count() == before
    services.client_register(by=salesperson, name=name, confirm_similar=True)
    assert Client.objects.count() == before + 1


def test_a_shorter_name_warns_of_a_longer_one_that_begins_with_it(salesperson):
    ClientFactory(salesperson=salesperson, name="张三丰")
    with pytest.raises(ServiceError, match="本团队已有姓名相近的客户：张三丰（王芳）") as exc:
        services.client_register(by=salesperson, name="张三", confirm_similar=False)
    assert exc.value.field == "confirm_similar"
    assert not Client.objects.filter(name="张三").exists()


@pytest.mark.parametrize("name", ["李四", "三丰"])
def test_unlike_names_and_other_teams_do_not_warn(salesperson, other_salesperson, name):
    ClientFactory(salesperson=salesperson, name="张三丰")
    ClientFactory(salesperson=other_salesperson, name=name)
    registered = services.client_register(by=salesperson, name=name, confirm_similar=False)
    assert (registered.name, registered.salesperson) == (name, salesperson)
    assert Client.objects.filter(name=name, salesperson=salesperson).count() == 1


def test_the_register_page_warns_then_registers_when_confirmed(client_as, salesperson):
    ClientFactory(salesperson=salesperson, name="张三")
    c = client_as(salesperson)
    data = {"name": "张三", "source": "cold"}
    response = c.post(reverse("visits:client_register"), data)
    assert "姓名相近的客户" in response.content.decode() and Client.objects.count() == 1
    response = c.post(reverse("visits:client_register"), {**data, "confirm_similar": "on"})
    assert response.status_code == 302 and Client.objects.count() == 2


def test_the_visit_form_warns_then_logs_when_confirmed(client_as, salesperson):
    from django.utils import timezone

    ClientFactory(salesperson=salesperson, name="张三")
    c = client_as(salesperson)
    data = {
        "new_name": "张三",
        "new_source": "cold",
        "date": timezone.localdate().isoformat(),
        "kind": "onsite",
        "purpose": "first",
        "summary": "面谈",
    }
    text = c.post(reverse("visits:visit_log"), data).content.decode()
    assert "姓名相近的客户" in text and 'name="new_confirm_similar"' in text
    assert Client.objects.count() == 1
    response = c.post(reverse("visits:visit_log"), {**data, "new_confirm_similar": "on"})
    assert response.status_code == 302 and Client.objects.count() == 2
