"""Browser journeys for the manager's weekly meeting (4.1.2) and training (3.3)."""

import pytest

from plans import services as plan_services
from plans.models import PlanStatus, VisitPlan, VisitPlanItem
from salesops.periods import Period
from salesops.services import today

from .conftest import PHONE, login, shot

pytestmark = pytest.mark.e2e


def _next_week_items():
    """Next week's plan items of 营销一部 that a meeting can settle: submitted or approved plans
    (a draft of the demo's is submitted here, as its salesperson would)."""
    week = Period.week_of(today()).next()
    plans = VisitPlan.objects.filter(
        team__name="营销一部", horizon="week", period_start=week.start
    ).order_by("owner__username")
    for plan in plans:
        if plan.status == PlanStatus.DRAFT and plan.items.live().exists():
            plan_services.plan_submit(plan=plan, by=plan.owner)
    items = VisitPlanItem.objects.live().filter(
        plan__in=plans, plan__status__in=[PlanStatus.SUBMITTED, PlanStatus.APPROVED]
    )
    return week, list(items.order_by("plan__owner__username", "date", "pk"))


def test_weekly_meeting_settles_key_visits_seen_on_the_plan(demo, new_page):
    week, items = _next_week_items()
    assert len(items) >= 2
    make_key = next(i for i in items if not i.is_key)
    drop_key = next((i for i in items if i.is_key), None)
    manager = new_page()
    login(manager, "zhangym")
    manager.goto(f"/meetings/weekly/new/?week={week.key}")
    manager.check(f"#key-{make_key.pk}")
    if drop_key:
        manager.uncheck(f"#key-{drop_key.pk}")
    manager.fill("[name=minutes]", "各人汇报下周重点；经理确定重点客户。")
    shot(manager, "m1-weekly-meeting-form")
    with manager.expect_navigation():
        manager.click("button:has-text('保存并确定重点')")
    assert "周例会已记录" in manager.content()
    assert make_key.target_name in manager.inner_text("#key-visits")
    shot(manager, "m2-weekly-meeting-detail")
    # the plan now shows the key flag the meeting settled
    manager.goto(f"/plans/{make_key.plan_id}/")
    row = manager.locator("tr.table-warning", has_text=make_key.target_name)
    assert row.count() >= 1
    assert VisitPlanItem.objects.get(pk=make_key.pk).is_key
    if drop_key:
        assert not VisitPlanItem.objects.get(pk=drop_key.pk).is_key
    # the salesperson reads the meeting on a phone, without sideways scrolling
    sp = new_page(PHONE)
    login(sp, make_key.plan.owner.username)
    sp.goto("/meetings/")
    with sp.expect_navigation():
        sp.click(f"a:has-text('{today():%Y-%m-%d} 周例会')")
    assert make_key.target_name in sp.inner_text("#key-visits")
    assert sp.evaluate("document.documentElement.scrollWidth") <= 390
    shot(sp, "m3-weekly-meeting-phone")


def test_training_attendance_and_my_hours(demo, new_page):
    manager = new_page()
    login(manager, "zhangym")
    manager.goto("/training/new/")
    manager.fill("[name=topic]", "反洗钱与客户身份识别")
    manager.fill("[name=hours]", "2.5")
    manager.select_option("[name=trainer]", label="张永明")
    with manager.expect_navigation():
        manager.click("button:has-text('保存')")
    assert "培训记录已保存" in manager.content()
    manager.check("input[name=present] >> nth=0")
    with manager.expect_navigation():
        manager.click("button:has-text('保存出勤')")
    assert "出勤已登记" in manager.content()
    shot(manager, "t1-training-attendance")
    sp = new_page(PHONE)
    first = manager.locator("input[name=present] >> nth=0").get_attribute("value")
    from accounts.models import User

    person = User.objects.get(pk=first)
    login(sp, person.username)
    sp.goto("/training/mine/" if person.role in ("salesperson", "analyst") else "/")
    assert "反洗钱与客户身份识别" in sp.content()
    assert sp.evaluate("document.documentElement.scrollWidth") <= 390
    shot(sp, "t2-my-training-phone")
