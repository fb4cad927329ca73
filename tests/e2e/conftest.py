"""Browser journeys: Playwright for Python driving Debian's Chromium against a live server.

Playwright's own browser download does not work here, so Chromium is launched from
/usr/bin/chromium (installed by scripts/system-deps.sh --browser). Screenshots of key screens go to
test-artifacts/e2e/.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import write_demo

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
def demo(transactional_db, demo_snapshot):
    """The demo department: ``seed_demo`` runs once per session (``demo_snapshot``), each journey
    gets its rows written again (the journey's flush removes them afterwards)."""
    write_demo(demo_snapshot, flushed=True)


AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2 A and AA; a critical or serious violation fails the test that visited the page
AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}});
  return result.violations
    .filter(v => v.impact === 'critical' || v.impact === 'serious')
    .map(v => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""


def axe_violations(page) -> list[str]:
    """The critical and serious WCAG 2 A/AA violations axe-core finds on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


def check_accessibility(browser, live_server, context, viewport, urls) -> dict[str, list[str]]:
    """axe-core over every page a test visited, each loaded again as the test's browser last was
    (same cookies, same width). A separate context that may add axe's script to pages whose
    Content-Security-Policy allows no inline script; the test's own context keeps the policy."""
    checker = browser.new_context(
        viewport=viewport,
        locale="zh-CN",
        base_url=live_server.url,
        storage_state=context.storage_state(),
        bypass_csp=True,
    )
    problems = {}
    try:
        page = checker.new_page()
        for url in urls:
            # a page the test reached by a POST (a form shown again with its refusal) has no GET:
            # it was checked as the form it answers, on the GET page that holds that form
            try:
                response = page.goto(url)
            except PlaywrightError:
                continue
            if response is None or not response.ok:
                continue
            found = axe_violations(page)
            if found:
                problems[url] = found
    finally:
        checker.close()
    return problems


@pytest.fixture
def new_page(browser, live_server):
    """A page in a fresh browser context; every page it visits is checked with axe-core when the
    test ends (critical or serious violations fail it)."""
    opened = []

    def make(viewport=DESK):
        context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(30000)
        visited: list[str] = []
        page.on("load", lambda p: visited.append(p.url))
        opened.append((context, viewport, visited))
        return page

    yield make
    problems = {}
    for context, viewport, visited in opened:
        urls = list(dict.fromkeys(u for u in visited if u.startswith(live_server.url)))
        problems.update(check_accessibility(browser, live_server, context, viewport, urls))
        context.close()
    assert not problems, "axe-core (WCAG 2 A/AA) found:\n" + "\n".join(
        f"{url}\n  " + "\n  ".join(found) for url, found in problems.items()
    )


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
