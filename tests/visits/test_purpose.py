"""记录拜访 proposes the purpose the client's state calls for; the service refuses a purpose that
contradicts the state (issue 10)."""

import json

import pytest
from django.urls import reverse

from visits import services
from visits.models import Visit

pytestmark = pytest.mark.django_db


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def log(client, by, purpose, day):
    return services.visit_log(
        client=client, by=by, date=day, kind="onsite", purpose=purpose, summary="面谈"
    )


@pytest.mark.parametrize(
    ("status", "purpose", "fragment"),
    [
        ("plan_ready", "first", "不能再记录为「初访」，请选择「方案回访」"),
        ("visited", "first", "不能再记录为「初访」"),
        ("prospect", "plan_revisit", "本次拜访目的应为「初访」"),
        ("needs_analyzed", "plan_revisit", "尚无投资方案"),
        ("revisited", "after_failure", "用于促单失败的客户"),
    ],
)
def test_a_purpose_contradicting_the_state_is_refused_and_nothing_changes(
    make_client, salesperson, today, status, purpose, fragment
):
    c = make_client(status)
    before = fresh(c).version
    with pytest.raises(services.ServiceError, match=fragment) as err:
        log(c, salesperson, purpose, today)
    assert err.value.field == "purpose"
    assert not Visit.objects.exists()
    assert (fresh(c).status, fresh(c).version) == (status, before)


@pytest.mark.parametrize(
    ("status", "purpose", "after"),
    [
        ("prospect", "first", "visited"),
        ("plan_ready", "plan_revisit", "revisited"),
        ("plan_ready", "service", "plan_ready"),
        ("failed", "after_failure", "revisited"),
        ("revisited", "closing", "revisited"),
        ("funded", "service", "funded"),
    ],
)
def test_fitting_purposes_are_logged(make_client, salesperson, today, status, purpose, after):
    c = make_client(status)
    log(c, salesperson, purpose, today)
    assert Visit.objects.get().purpose == purpose
    assert fresh(c).status == after


def test_log_visit_page_refuses_first_visit_to_plan_ready_client_beside_the_purpose(
    client_as, make_client, salesperson, today
):
    c = make_client("plan_ready", revisit_due=today)
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "client": c.pk,
            "date": today.isoformat(),
            "kind": "onsite",
            "purpose": "first",
            "summary": "回访",
        },
    )
    assert response.status_code == 200
    assert "不能再记录为「初访」" in response.context["form"].errors["purpose"][0]
    assert not Visit.objects.exists()
    assert fresh(c).status == "plan_ready"


def test_log_visit_page_gives_each_clients_purpose_to_the_script(
    client_as, make_client, salesperson
):
    ready = make_client("plan_ready")
    new = make_client("prospect")
    failed = make_client("failed")
    response = client_as(salesperson).get(reverse("visits:visit_log"))
    body = response.content.decode()
    start = body.index('id="visit-purposes"')
    data = json.loads(body[body.index(">", start) + 1 : body.index("</script>", start)])
    assert data == {
        str(ready.pk): "plan_revisit",
        str(new.pk): "first",
        str(failed.pk): "after_failure",
        "": "first",
    }
    assert "js/visit_form.js" in body
    assert "<script>" not in body  # no inline script


def test_log_visit_page_takes_a_plan_items_purpose(client_as, make_client, salesperson):
    c = make_client("revisited")
    url = reverse("visits:visit_log") + f"?client={c.pk}&purpose=service"
    body = client_as(salesperson).get(url).content.decode()
    assert 'value="service" selected' in body
