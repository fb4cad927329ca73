"""The client edit page never puts the full number into the page: it shows 138****5678, keeps the
number when that is posted back, and changes it only when a new number is typed."""

from django.urls import reverse

from visits.models import Client


def _post(browser, client, **changes):
    data = {
        "name": client.name,
        "phone": "138****1111",
        "source": "other",
        "version": client.version,
    }
    data.update(changes)
    return browser.post(reverse("visits:client_edit", args=[client.pk]), data)


def test_the_edit_page_shows_the_number_masked(client_as, make_client, salesperson):
    c = make_client("visited", phone="13811111111")
    page = client_as(salesperson).get(reverse("visits:client_edit", args=[c.pk])).content.decode()
    assert "13811111111" not in page
    assert 'value="138****1111"' in page


def test_posting_the_masked_number_back_keeps_it(client_as, make_client, salesperson):
    c = make_client("visited", phone="13811111111")
    response = _post(client_as(salesperson), c, name="新名字")
    assert response.status_code == 302
    c.refresh_from_db()
    assert (c.name, c.phone) == ("新名字", "13811111111")


def test_a_new_number_is_saved(client_as, make_client, salesperson):
    c = make_client("visited", phone="13811111111")
    response = _post(client_as(salesperson), c, phone="13922222222")
    assert response.status_code == 302
    assert Client.objects.get(pk=c.pk).phone == "13922222222"


def test_an_error_page_keeps_the_number_masked(client_as, make_client, salesperson):
    c = make_client("visited", phone="13811111111")
    response = _post(client_as(salesperson), c, name="")  # the name is required
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert "13811111111" not in page and 'value="138****1111"' in page
    assert Client.objects.get(pk=c.pk).phone == "13811111111"
