"""The team page, the annual plan pages and the home partials: every role, scope and answer."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone

from performance.models import AnnualPlan
from plans.models import MonthlySalesPlan
from salesops.periods import month_start
from tests.visits.factories import ClientFactory
from visits.models import Deposit

from .conftest import task

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_month(team, manager, salesperson, salesperson2):
    """This month announced for ``team``: 王芳 has deposited 12 345 of 100 000 so far."""
    today = timezone.localdate()
    task(team, salesperson, manager, 20, 4, 2, "100000", month=month_start(today))
    task(team, salesperson2, manager, 10, 2, 1, "50000", month=month_start(today))
    MonthlySalesPlan.objects.create(
        team=team,
        month=month_start(today),
        sales_plan="方案",
        reward_plan="奖励",
        author=manager,
        announced_at=timezone.now(),
    )
    Deposit.objects.create(
        client=ClientFactory(salesperson=salesperson, status="funded"),
        date=today,
        amount=Decimal("12345"),
        recorded_by=salesperson,
    )


def annual_post(team, year=2026, visits=120, version=None, month_visits=10):
    data = {
        "year": year,
        "target_visits": visits,
        "target_new_clients": 12,
        "target_accounts": 12,
        "target_deposit_amount": "12000",
        "notes": "全年",
    }
    if version:
        data["version"] = version
    for m in range(1, 13):
        data |= {
            f"m{m}_target_visits": month_visits,
            f"m{m}_target_new_clients": 1,
            f"m{m}_target_accounts": 1,
            f"m{m}_target_deposit_amount": "1000",
        }
    return data


# --- the team page ----------------------------------------------------------------------------


def test_team_page_anonymous_goes_to_login(client, team):
    url = reverse("performance:team", args=[team.pk])
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, redirect_to_login(url).url)


def test_team_page_refuses_other_roles(client_as, team, salesperson, analyst, office):
    url = reverse("performance:team", args=[team.pk])
    for user in (salesperson, analyst, office):
        assert client_as(user).get(url).status_code == 403


def test_team_page_of_another_team_is_404_for_a_manager(client_as, team, other_manager):
    assert (
        client_as(other_manager).get(reverse("performance:team", args=[team.pk])).status_code == 404
    )


def test_team_page_shows_the_pace_charts_and_tables(client_as, this_month, team, manager):
    page = client_as(manager).get(reverse("performance:team", args=[team.pk])).content.decode()
    for cid in ("pace-team", "trend-team", "funnel-team"):
        assert f'id="{cid}"' in page and f'id="{cid}-table"' in page  # data and fallback table
    assert page.count('data-chart="') == 3
    assert "王芳" in page and "李强" in page and "团队合计" in page
    assert "1.2 / 10.0" in page  # 12 345 of 100 000 in 万元
    assert "echarts.min.js" in page and "<script>" not in page.replace("<script src", "")


def test_leader_opens_every_team(client_as, this_month, team, other_team, leader):
    c = client_as(leader)
    assert "王芳" in c.get(reverse("performance:team", args=[team.pk])).content.decode()
    page = c.get(reverse("performance:team", args=[other_team.pk])).content.decode()
    assert "本月任务尚未宣布" in page


def test_team_page_month_parameter(client_as, this_month, team, manager):
    page = (
        client_as(manager)
        .get(reverse("performance:team", args=[team.pk]), {"month": "2020-01"})
        .content.decode()
    )
    assert "2020年1月" in page and "本月任务尚未宣布" in page
    assert (
        client_as(manager)
        .get(reverse("performance:team", args=[team.pk]), {"month": "garbage"})
        .status_code
        == 200
    )


# --- the annual plan ---------------------------------------------------------------------------


def test_annual_page_manager_gets_the_form_leader_reads(client_as, team, manager, leader):
    url = reverse("performance:annual", args=[team.pk])
    assert 'name="m12_target_deposit_amount"' in client_as(manager).get(url).content.decode()
    page = client_as(leader).get(url).content.decode()
    assert '<form method="post" action="/performance' not in page
    assert "本年度尚未制定年度工作计划" in page


def test_annual_page_refuses_other_roles_and_teams(
    client_as, team, salesperson, office, other_manager
):
    url = reverse("performance:annual", args=[team.pk])
    assert client_as(salesperson).get(url).status_code == 403
    assert client_as(office).get(url).status_code == 403
    assert client_as(other_manager).get(url).status_code == 404


def test_manager_saves_the_annual_plan(client_as, team, manager):
    url = reverse("performance:annual_save", args=[team.pk])
    response = client_as(manager).post(url, annual_post(team, visits=150))
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("performance:annual", args=[team.pk]) + "?year=2026",
    )
    plan = AnnualPlan.objects.get(team=team, year=2026)
    assert plan.target_visits == 150 and plan.months.count() == 12
    page = client_as(manager).get(response["Location"]).content.decode()
    assert "未分配" in page  # 150 − 12 × 10
    response = client_as(manager).post(url, annual_post(team, visits=160, version=plan.version))
    assert response.status_code == 302
    assert AnnualPlan.objects.get(pk=plan.pk).target_visits == 160


def test_over_allocated_plan_is_shown_again_with_the_error(client_as, team, manager):
    url = reverse("performance:annual_save", args=[team.pk])
    response = client_as(manager).post(url, annual_post(team, visits=100))
    assert response.status_code == 200
    assert "超过全年目标" in response.content.decode()
    assert not AnnualPlan.objects.exists()


def test_annual_save_refused_for_leader_other_manager_and_get(
    client_as, client, team, leader, other_manager, salesperson, manager
):
    url = reverse("performance:annual_save", args=[team.pk])
    assert client_as(leader).post(url, annual_post(team)).status_code == 403
    assert client_as(salesperson).post(url, annual_post(team)).status_code == 403
    assert client_as(other_manager).post(url, annual_post(team)).status_code == 404
    assert client.post(url, annual_post(team)).status_code == 302
    assert client_as(manager).get(url).status_code == 405
    assert not AnnualPlan.objects.exists()


def test_month_page_shows_the_years_pace(client_as, team, manager):
    client_as(manager).post(
        reverse("performance:annual_save", args=[team.pk]),
        annual_post(team, year=timezone.localdate().year),
    )
    page = client_as(manager).get(reverse("plans:month")).content.decode()
    assert 'id="year-pace"' in page and "累计分解目标" in page


# --- home pages --------------------------------------------------------------------------------


def test_manager_home_has_pace_and_trend(client_as, this_month, team, manager):
    page = client_as(manager).get(reverse("home")).content.decode()
    assert f'id="pace-{team.pk}"' in page and f'id="pace-{team.pk}-table"' in page
    assert 'id="trend-home"' in page and "王芳" in page


def test_leader_home_has_a_row_per_team_with_drill_down(
    client_as, this_month, team, other_team, leader
):
    page = client_as(leader).get(reverse("home")).content.decode()
    assert reverse("performance:team", args=[team.pk]) in page
    assert reverse("performance:team", args=[other_team.pk]) in page
    assert "任务未宣布" in page and "1.2 / 15.0" in page  # team total deposits in 万元


def test_salesperson_home_has_their_own_four(client_as, this_month, salesperson, salesperson2):
    page = client_as(salesperson).get(reverse("home")).content.decode()
    assert 'id="pace-mine"' in page and "1.2" not in page.split('id="pace-mine"')[0][-50:]
    assert "12,345.00" in page
    assert "李强" not in page.split('id="my-pace"')[1].split("</table>")[0]
    page2 = client_as(salesperson2).get(reverse("home")).content.decode()
    assert 'id="pace-mine"' in page2 and "12,345.00" not in page2


def test_salesperson_without_a_task_sees_no_pace(client_as, team, salesperson):
    assert 'id="my-pace"' not in client_as(salesperson).get(reverse("home")).content.decode()


def test_nav_links_for_the_manager_only(client_as, team, manager, salesperson):
    link = reverse("performance:annual", args=[team.pk])
    assert link in client_as(manager).get(reverse("home")).content.decode()
    assert link not in client_as(salesperson).get(reverse("home")).content.decode()


def test_future_month_has_no_pace_yet(client_as, this_month, team, manager):
    nxt = month_start(timezone.localdate()) + dt.timedelta(days=40)
    page = (
        client_as(manager)
        .get(reverse("performance:team", args=[team.pk]), {"month": f"{nxt:%Y-%m}"})
        .content.decode()
    )
    assert "已过工作日 0/" in page


def test_unallocated_money_is_formatted_as_money(client_as, team, manager):
    """未分配 of the deposit target reads ¥43,000,000.00 like every amount, not 43000000.00."""
    post = annual_post(team, year=timezone.localdate().year)
    post["target_deposit_amount"] = "43012000"  # the months add up to 12,000
    client_as(manager).post(reverse("performance:annual_save", args=[team.pk]), post)
    page = client_as(manager).get(reverse("plans:month")).content.decode()
    assert "未分配 ¥43,000,000.00" in page
    assert "43000000.00" not in page
