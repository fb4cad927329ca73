"""Browser journeys: Playwright for Python driving Debian's Chromium against a live server.

Playwright's own browser download does not work here, so Chromium is launched from
/usr/bin/chromium (installed by scripts/system-deps.sh --browser). Screenshots of key screens go to
test-artifacts/e2e/.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make there
# (building demo data, checking results) are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
PASSWORD = "salesops2026"

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/system-deps.sh --browser")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make(viewport=DESK):
        context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30000)
        return page

    yield make
    for context in contexts:
        context.close()


def login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"login as {username} failed"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
