import pytest

from accounts.demo import PEOPLE

from .conftest import PHONE, login, shot


def test_every_demo_user_logs_in_and_lands_on_their_home(demo, new_page):
    page = new_page()
    for person in PEOPLE:
        login(page, person.username)
        assert person.full_name in page.content()
        if person.username in ("zhangym", "wangfang", "zhengxin", "zhoumin"):
            shot(page, f"home-{person.role}")
        page.click("text=" + person.full_name)
        page.click("button:has-text('退出登录')")
        page.wait_for_url("**/accounts/login/**")


def test_wrong_password_is_explained_on_a_phone(demo, new_page):
    page = new_page(PHONE)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "wangfang")
    page.fill("input[name=password]", "wrong")
    page.click("#login-form button[type=submit]")
    assert "用户名或密码不正确" in page.content()
    shot(page, "login-error-phone")


@pytest.mark.parametrize("path", ["/", "/accounts/password/"])
def test_anonymous_is_sent_to_login(demo, new_page, path):
    page = new_page()
    page.goto(path)
    assert "/accounts/login/" in page.url
