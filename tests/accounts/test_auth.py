import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_renders_in_chinese(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "营销管理系统" in response.content.decode()


def test_salesperson_logs_in_and_lands_on_home(client, salesperson):
    response = client.post(
        reverse("accounts:login"), {"username": "sales1", "password": "pass-1234"}, follow=True
    )
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert client.session["_auth_user_id"] == str(salesperson.pk)
    # the salesperson's own home (base.html prints the name in every page's header: not that)
    assertInHTML('<h1 class="page-title">王芳，您好</h1>', response.content.decode())


def test_wrong_password_gives_clear_message(client, salesperson):
    response = client.post(reverse("accounts:login"), {"username": "sales1", "password": "nope"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_anonymous_home_redirects_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_logout_is_post_only_and_logs_out(client_as, salesperson):
    c = client_as(salesperson)
    assert c.get(reverse("accounts:logout")).status_code == 405
    response = c.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert c.get(reverse("home")).status_code == 302


def test_password_change_changes_password(client_as, salesperson):
    c = client_as(salesperson)
    response = c.post(
        reverse("accounts:password_change"),
        {
            "old_password": "pass-1234",
            "new_password1": "Xk9!plan-weekly",
            "new_password2": "Xk9!plan-weekly",
        },
        follow=True,
    )
    assert "密码已修改" in response.content.decode()
    salesperson.refresh_from_db()
    assert salesperson.check_password("Xk9!plan-weekly")


def test_password_change_rejects_weak_password(client_as, salesperson):
    c = client_as(salesperson)
    response = c.post(
        reverse("accounts:password_change"),
        {"old_password": "pass-1234", "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    salesperson.refresh_from_db()
    assert salesperson.check_password("pass-1234")


def test_user_without_role_sees_what_is_missing(client_as, db):
    user = UserFactory(username="norole", role="", team=None)
    response = client_as(user).get(reverse("home"))
    assert response.status_code == 200
    assert "尚未分配角色" in response.content.decode()


def test_salesperson_without_team_sees_what_is_missing(client_as, db):
    user = UserFactory(username="noteam", role=Role.SALESPERSON, team=None)
    response = client_as(user).get(reverse("home"))
    assert response.status_code == 200
    assert "尚未分配到营销团队" in response.content.decode()


def test_language_switch_to_english(client_as, salesperson):
    c = client_as(salesperson)
    response = c.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert c.cookies["django_language"].value == "en"


def test_english_interface_is_translated(client_as, salesperson):
    c = client_as(salesperson)
    c.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = c.get(reverse("home")).content.decode()
    assert "Log visit" in body
    assert 'lang="en"' in body
