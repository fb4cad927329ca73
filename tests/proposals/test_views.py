"""The proposal pages: the manager's list, form and detail; the leader's queue and decisions; the
month's PDF. Access per role is in tests/test_permission_matrix.py; here what the pages do."""

from decimal import Decimal

import pytest
from django.urls import reverse

from proposals import services
from proposals.models import Proposal
from reports.models import DownloadRecord
from salesops.periods import Period
from salesops.services import today

pytestmark = pytest.mark.django_db


def month_key():
    return Period.month_of(today()).key


def test_the_form_prefills_the_basis_for_the_person_asked_for(client_as, manager, salesperson):
    url = reverse("proposals:create") + f"?month={month_key()}&person={salesperson.pk}"
    page = client_as(manager).get(url).content.decode()
    assert "任务完成情况" in page and "本月未分配销售任务" in page


def test_the_manager_creates_a_draft(client_as, manager, salesperson):
    url = reverse("proposals:create") + f"?month={month_key()}"
    response = client_as(manager).post(
        url,
        {
            "person": salesperson.pk,
            "kind": "penalty",
            "reason": "日志缺写三天",
            "amount": "3",
            "unit": "points",
            "basis": "",
        },
    )
    p = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "proposals:detail", args=[p.pk]
    )
    assert (p.person, p.kind, p.amount, p.unit, p.status) == (
        salesperson,
        "penalty",
        Decimal("3.00"),
        "points",
        "draft",
    )
    assert p.month == Period.month_of(today()).start and "任务完成情况" in p.basis


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": ""}, "请填写奖惩事由"),
        ({"amount": "0"}, "数额必须大于零"),
        ({"amount": "1000000000"}, "数额过大"),
        ({"person": "other"}, "选择"),  # not one of the team's salespeople: not a valid choice
    ],
)
def test_a_refused_proposal_form_shows_why_and_creates_nothing(
    client_as, manager, salesperson, other_salesperson, data, message
):
    post = {
        "person": salesperson.pk,
        "kind": "reward",
        "reason": "好",
        "amount": "100",
        "unit": "yuan",
    } | data
    if post["person"] == "other":
        post["person"] = other_salesperson.pk
    response = client_as(manager).post(reverse("proposals:create"), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_manager_edits_a_draft(client_as, manager, salesperson, make_proposal):
    p = make_proposal()
    response = client_as(manager).post(
        reverse("proposals:edit", args=[p.pk]),
        {
            "version": p.version,
            "person": salesperson.pk,
            "kind": "reward",
            "reason": "改过的事由",
            "amount": "650",
            "unit": "yuan",
            "basis": "依据",
        },
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.reason, p.amount, p.basis) == ("改过的事由", Decimal("650.00"), "依据")


def test_a_submitted_proposal_cannot_be_edited(client_as, manager, salesperson, make_proposal):
    p = make_proposal("submitted")
    c = client_as(manager)
    assert c.get(reverse("proposals:edit", args=[p.pk])).status_code == 302
    c.post(
        reverse("proposals:edit", args=[p.pk]),
        {
            "version": p.version,
            "person": salesperson.pk,
            "kind": "reward",
            "reason": "改",
            "amount": "1",
            "unit": "yuan",
        },
    )
    p.refresh_from_db()
    assert p.reason == "超额完成入金任务" and p.status == "submitted"


def test_a_manager_never_sees_another_teams_proposals(client_as, other_manager, make_proposal):
    p = make_proposal("submitted")
    c = client_as(other_manager)
    assert c.get(reverse("proposals:detail", args=[p.pk])).status_code == 404
    assert "超额完成入金任务" not in c.get(reverse("proposals:list")).content.decode()
    assert (
        c.post(reverse("proposals:submit", args=[p.pk]), {"version": p.version}).status_code == 404
    )


def test_the_leader_sees_every_teams_proposals(
    client_as, leader, make_proposal, other_manager, other_salesperson
):
    make_proposal("submitted")
    other = services.proposal_create(
        team=other_manager.team,
        person=other_salesperson,
        month=today(),
        kind="reward",
        reason="二部的建议",
        amount=Decimal("100"),
        by=other_manager,
    )
    services.proposal_submit(proposal=other, by=other_manager, expected_version=other.version)
    page = client_as(leader).get(reverse("proposals:queue")).content.decode()
    assert "超额完成入金任务" in page and "二部的建议" in page
    home = client_as(leader).get(reverse("home")).content.decode()
    assert 'data-testid="proposals-waiting">2<' in home


def test_the_leader_rejects_with_a_reason_then_approves_the_revision(
    client_as, leader, manager, make_proposal
):
    p = make_proposal("submitted")
    lc, mc = client_as(leader), client_as(manager)
    detail = lc.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert reverse("proposals:approve", args=[p.pk]) in detail
    response = lc.post(
        reverse("proposals:reject", args=[p.pk]), {"version": p.version, "reason": ""}
    )
    assert response.status_code == 400 and "驳回时必须填写原因" in response.content.decode()
    assert Proposal.objects.get(pk=p.pk).status == "submitted"
    response = lc.post(
        reverse("proposals:reject", args=[p.pk]), {"version": p.version, "reason": "金额偏高"}
    )
    assert response["Location"] == reverse("proposals:queue")
    p.refresh_from_db()
    assert (p.status, p.reject_reason) == ("rejected", "金额偏高")
    assert "金额偏高" in mc.get(reverse("home")).content.decode()
    mc.post(reverse("proposals:revise", args=[p.pk]), {"version": p.version})
    p.refresh_from_db()
    mc.post(reverse("proposals:submit", args=[p.pk]), {"version": p.version})
    p.refresh_from_db()
    assert p.status == "submitted"
    response = lc.post(reverse("proposals:approve", args=[p.pk]), {"version": p.version})
    assert response["Location"] == reverse("proposals:queue")
    p.refresh_from_db()
    assert p.status == "approved" and p.decided_by == leader
    # a second decision: refused with a message, nothing changed
    response = lc.post(
        reverse("proposals:approve", args=[p.pk]), {"version": p.version}, follow=True
    )
    assert "不能审批" in response.content.decode()
    assert Proposal.objects.get(pk=p.pk).version == p.version


def test_the_leader_sees_no_manager_buttons(client_as, leader, make_proposal):
    p = make_proposal()
    page = client_as(leader).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert reverse("proposals:submit", args=[p.pk]) not in page
    assert reverse("proposals:edit", args=[p.pk]) not in page
    assert reverse("proposals:approve", args=[p.pk]) not in page  # a draft is not for deciding


def test_the_month_prints_as_one_pdf_and_is_recorded(client_as, manager, make_proposal):
    make_proposal("approved")
    make_proposal("rejected")
    response = client_as(manager).get(reverse("proposals:pdf", args=[month_key()]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    record = DownloadRecord.objects.get()
    assert (record.user, record.rows, record.team_id) == (manager, 2, manager.team_id)


def test_a_pdf_of_a_week_or_junk_is_404(client_as, manager):
    c = client_as(manager)
    assert c.get(reverse("proposals:pdf", args=["2026-W47"])).status_code == 404
    assert c.get(reverse("proposals:pdf", args=["junk"])).status_code == 404


def test_amounts_read_as_yuan_or_points(client_as, manager, make_proposal):
    yuan = make_proposal(amount=Decimal("1200"))
    points = make_proposal(kind="penalty", unit="points", amount=Decimal("100"))
    c = client_as(manager)
    assert "+¥1,200.00" in c.get(reverse("proposals:detail", args=[yuan.pk])).content.decode()
    assert "−100 分" in c.get(reverse("proposals:detail", args=[points.pk])).content.decode()
