"""Targets and pace in the browser: the charts draw (a canvas each) with their tables as fallback,
on a phone (390 px, no sideways scroll) and on a desk; screenshots in test-artifacts/e2e/."""

import pytest

from accounts.models import Team

from .conftest import PHONE, login, shot

DESK_1280 = {"width": 1280, "height": 900}


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, (width, page.evaluate(WIDEST))


def charts_drawn(page, ids):
    for cid in ids:
        chart = page.locator(f"[data-source='{cid}']")
        chart.locator("canvas").first.wait_for(state="attached")
        assert chart.is_visible()
        assert chart.bounding_box()["width"] > 200
        # the table stays for screen readers and shows again from the 表格 button
        table = page.locator(f"#{cid}-table")
        assert table.locator("table").count() == 1
        assert "visually-hidden" in (table.get_attribute("class") or "")
    page.locator(f"[data-table-toggle='{ids[0]}-table']").click()
    assert "visually-hidden" not in (page.locator(f"#{ids[0]}-table").get_attribute("class") or "")


@pytest.mark.parametrize(("viewport", "label"), [(PHONE, "390"), (DESK_1280, "1280")])
def test_manager_home_and_team_page_draw_their_charts(demo, new_page, viewport, label):
    team = Team.objects.get(name="营销一部")
    page = new_page(viewport)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    login(page, "zhangym")
    charts_drawn(page, [f"pace-{team.pk}", "trend-home"])
    assert page.locator(f"#pace-team-{team.pk}").get_by_text("团队合计").count() == 1
    no_sideways_scroll(page)
    shot(page, f"performance-manager-home-{label}")

    page.goto(f"/performance/team/{team.pk}/")
    charts_drawn(page, ["pace-team", "trend-team", "funnel-team"])
    assert page.locator("#year-pace").get_by_role("columnheader", name="累计分解目标").count() == 1
    no_sideways_scroll(page)
    shot(page, f"performance-team-{label}")
    assert errors == []


def test_leader_drills_down_and_salesperson_sees_their_own(demo, new_page):
    team = Team.objects.get(name="营销一部")
    page = new_page(PHONE)
    login(page, "liuzg")
    page.locator("#pace-teams").get_by_role("link", name="营销一部").click()
    page.wait_for_url(f"**/performance/team/{team.pk}/")
    charts_drawn(page, ["pace-team", "funnel-team"])
    page.goto(f"/performance/team/{team.pk}/annual/")
    assert page.locator("form[action$='/annual/save/']").count() == 0  # the leader reads
    shot(page, "performance-leader-annual-390")

    sp = new_page(PHONE)
    login(sp, "wangfang")
    charts_drawn(sp, ["pace-mine"])
    no_sideways_scroll(sp)
    shot(sp, "performance-salesperson-home-390")
