"""Every URL the resolver knows × anonymous / wrong role / out of scope / right role.

The URL list comes from the resolver, so a new view without a row here fails
``test_every_url_is_in_the_matrix``. Each row of MATRIX names a URL, the method, the object it is
opened on (built by ``build``) and the answer per role:

- OK: a GET answers 200 (the latest-report URL redirects to the newest period); a POST does what
  it is for: it redirects where the view sends it and the database shows the change (EFFECTS);
- 403: the role may not; a POST changes nothing;
- 404: the object is outside the user's scope; a POST changes nothing;
- anonymous: redirected to the login page (``?next=`` the URL asked for); a POST changes nothing.

A GET on a POST-only URL is refused with 405 before anything else, logged in or not.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from types import SimpleNamespace

import pytest
from django.contrib.auth.views import redirect_to_login
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from clientimport import services as import_services
from clientimport.models import ClientImport
from fieldwork import services as fieldwork_services
from fieldwork.models import ClientLocation
from meetings.models import StrategyMeeting, WeeklyMeeting
from notifications.models import CalendarToken, Notification
from notifications.services import calendar_token_create, notify
from ownership import services as ownership_services
from ownership.models import ClientTransfer, PhoneReveal
from performance.models import AnnualPlan
from plans import services as plan_services
from plans.models import (
    CommitmentLetter,
    MonthlySalesPlan,
    SalesTask,
    VisitPlan,
    VisitPlanItem,
    WorkLogComment,
)
from problems import services as problem_services
from problems.models import ChaseAction, Problem, ReportAcknowledgement
from proposals import services as proposal_services
from proposals.models import Proposal
from reports.definitions import REPORTS
from reports.models import Submission
from reports.submissions import asked_period
from salesops.periods import Period
from suitability.models import PlanSuitability
from tests.clientimport.conftest import make_xlsx
from tests.conftest import make_people
from tests.suitability.factories import assess, product
from tests.visits.factories import ClientFactory, VisitFactory
from training.models import Attendance, TrainingSession
from visits import services as visit_services
from visits.models import Client as SalesClient

OK = "ok"
LOGIN = "login"
_PHOTO = b"GIF87a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"

# reachable without logging in, on purpose: (method → (status, Location))
PUBLIC = {
    "accounts:login": {"get": (200, None), "post": (200, None)},
    "set_language": {"get": (302, "/"), "post": (302, "/")},
    # the private calendar feed: its token is the key; an unknown one is a 404, nothing else
    "calendar_feed": {"get": (404, None), "post": (404, None)},
    # the installable app (fieldwork): manifest, service worker and offline page, GET only
    "manifest": {"get": (200, None), "post": (405, None)},
    "service_worker": {"get": (200, None), "post": (405, None)},
    "fieldwork:offline": {"get": (200, None), "post": (405, None)},
}
# Django admin has its own login page and is covered by Django's own tests
SKIP_NAMESPACES = {"admin"}


def iter_patterns(patterns=None, prefix="", namespace=None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns in SKIP_NAMESPACES:
                continue
            yield from iter_patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, prefix + str(p.pattern)


ALL = sorted(set(iter_patterns()), key=lambda item: item[1])


def sample_path(route: str) -> str:
    """Turn a route like 'visits/clients/<int:pk>/' into a concrete path with sample values."""

    def fill(match):
        converter, name = match.group(1) or "str", match.group(2)
        if "period" in name:
            return "2026-W47" if "week" in route else "2026-11"
        if name == "code":
            return "weekly-plan"
        return {"uuid": "00000000-0000-0000-0000-000000000001"}.get(converter, "1")

    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
    return "/" + path.lstrip("^").rstrip("$").replace("\\Z", "")


# --- who is who ----------------------------------------------------------------------------------

ROLES = ["salesperson", "salesperson2", "analyst", "manager", "office", "other_manager", "leader"]
EVERYONE = dict.fromkeys(ROLES, OK)
# the leader (主管领导) sees every team and changes nothing of the teams' work: report pages, the
# board and the client pages (read-only) answer 200; every page that edits or acts is 403
SALES = {**EVERYONE, "analyst": 403, "office": 403, "leader": 403}
MANAGER_ONLY = {r: (OK if r in ("manager", "other_manager") else 403) for r in ROLES}
SP_ONLY = {r: (OK if r.startswith("salesperson") else 403) for r in ROLES}
REPORTING = {**EVERYONE, "analyst": 403}
ALL_SALES_ROLES = {**EVERYONE, "office": 403, "leader": 403}
CLIENT_READERS = {**ALL_SALES_ROLES, "leader": OK}
OFFICE_ONLY = {r: (OK if r == "office" else 403) for r in ROLES}
# a team's page: its manager; another team's manager 404 (the leader is added per row)
TEAM_READERS = {**MANAGER_ONLY, "other_manager": 404}
LEADER_ONLY = {**dict.fromkeys(ROLES, 403), "leader": OK}
HANDLER = {**MANAGER_ONLY, "salesperson": OK, "salesperson2": OK, "leader": 403}
BOARD = {**MANAGER_ONLY, "office": OK, "leader": OK}
PROPOSAL_READERS = {**MANAGER_ONLY, "leader": OK}
# a notification to `salesperson`: only they open it
MINE_ONLY = {**dict.fromkeys(ROLES, 404), "salesperson": OK}


NO_LEADER = {"leader": 403}
TEAM_MEMBERS = {**EVERYONE, "manager": 403, "office": 403, "other_manager": 403, **NO_LEADER}
# meetings: the team's people and the leader read; the office does not
MEETING_READERS = {**ALL_SALES_ROLES, "leader": OK}
# a training session `salesperson` is on the list of: colleagues not on it and the analyst see 404
ATTENDED = {
    **EVERYONE,
    "salesperson2": 404,
    "analyst": 404,
    "office": 403,
    "other_manager": 404,
    "leader": OK,
}


def owned(base, **extra):
    """An object owned by `salesperson` in `team`: other people of the right role are out of scope."""
    answer = dict(base)
    for role in ("salesperson2", "other_manager"):
        if answer.get(role) == OK:
            answer[role] = 404
    return answer | extra


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    kind: str | None
    roles: dict
    query: str = ""
    label: str = ""
    anonymous: object = LOGIN

    @property
    def id(self):
        return self.name + (f"[{self.label}]" if self.label else "")


MATRIX = [
    Row("home", "get", None, EVERYONE),
    Row("todo", "get", None, MANAGER_ONLY),
    Row("accounts:logout", "post", None, EVERYONE, anonymous=(302, "/accounts/login/")),
    Row("accounts:password_change", "get", None, EVERYONE),
    Row("visits:visit_list", "get", None, ALL_SALES_ROLES),
    Row("visits:client_list", "get", None, CLIENT_READERS),
    Row("visits:client_register", "get", None, SALES),
    Row("visits:visit_log", "get", None, SALES),
    Row("visits:client_search", "get", None, SALES),
    # the leader reads every team's pipeline, letters, week plans and month plans (issue 24)
    Row("visits:pipeline", "get", None, {**MANAGER_ONLY, "leader": OK}),
    Row("visits:analyst_queue", "get", None, {**MANAGER_ONLY, "analyst": OK}),
    Row("visits:client_detail", "get", "client", owned(CLIENT_READERS)),
    Row("visits:client_edit", "get", "client", owned(SALES)),
    Row("visits:client_action", "post", "client_action", owned(SALES)),
    Row("plans:plan_list", "get", None, SALES),
    Row("plans:plan_create", "post", None, SP_ONLY),
    Row("plans:plan_detail", "get", "draft_plan", owned(SALES), label="draft"),
    Row("plans:plan_detail", "get", "submitted_plan", owned(SALES), label="submitted"),
    Row("plans:item_add", "post", "draft_plan", owned(SP_ONLY)),
    Row("plans:plan_submit", "post", "draft_plan", owned(SP_ONLY)),
    Row("plans:plan_approve", "post", "submitted_plan", owned(MANAGER_ONLY)),
    Row("plans:plan_return", "post", "submitted_plan", owned(MANAGER_ONLY)),
    Row("plans:plan_reopen", "post", "returned_plan", owned(SP_ONLY)),
    Row("plans:item_archive", "post", "draft_item", owned(SP_ONLY)),
    # the owner may flag key visits only while drafting; the plan here is submitted
    Row("plans:item_key", "post", "submitted_item", owned({**SALES, "salesperson": 403})),
    Row(
        "plans:item_edit",
        "get",
        "draft_item",
        owned(SP_ONLY, other_salesperson=404),
        label="draft",
    ),
    Row(
        "plans:item_edit",
        "get",
        "submitted_item",
        owned({**SP_ONLY, "salesperson": 403}),
        label="submitted",
    ),
    Row("plans:review_queue", "get", None, MANAGER_ONLY),
    Row("plans:worklog", "get", None, SP_ONLY),
    # 督导: the team's manager reads the logs and comments; the leader does neither (403)
    Row("plans:team_logs", "get", None, MANAGER_ONLY),
    Row("plans:worklog_comment", "post", "worklog", owned(MANAGER_ONLY)),
    Row("plans:focus", "get", None, MANAGER_ONLY),
    Row("plans:month", "get", None, MANAGER_ONLY),
    Row("plans:month_report", "post", "month", MANAGER_ONLY),
    Row("plans:month_announce", "post", "reported_month", MANAGER_ONLY),
    Row("plans:task_assign", "post", "tasks_open_user", owned(MANAGER_ONLY)),
    Row("plans:my_month", "get", None, SP_ONLY),
    Row("plans:letter_detail", "get", "draft_letter", owned({**SALES, "leader": OK})),
    Row("plans:letter_write", "post", "draft_letter", owned(SP_ONLY)),
    Row("plans:letter_redo", "post", "rejected_letter", owned(SP_ONLY)),
    Row("plans:letter_approve", "post", "submitted_letter", owned(MANAGER_ONLY)),
    Row("plans:letter_reject", "post", "submitted_letter", owned(MANAGER_ONLY)),
    Row(
        "plans:letter_pdf", "get", "submitted_letter", owned({**SALES, "office": OK, "leader": OK})
    ),
    Row("plans:manager_week", "get", None, MANAGER_ONLY),
    Row(
        "plans:manager_week_detail",
        "get",
        "manager_week",
        owned({**MANAGER_ONLY, "office": OK, "leader": OK}),
    ),
    Row("plans:office", "get", None, {**MANAGER_ONLY, "office": OK, "leader": OK}),
    Row(
        "plans:sales_plan_detail",
        "get",
        "sales_plan_month",
        owned({**MANAGER_ONLY, "office": OK, "leader": OK}),
    ),
    Row("reports:index", "get", None, REPORTING),
    Row("reports:report_latest", "get", "code", REPORTING),
    Row("reports:report", "get", "report", REPORTING),
    Row("reports:report", "get", "sales_report", REPORTING, "?format=xlsx", "xlsx"),
    Row("reports:report", "get", "weekly_plan_report", REPORTING, "?format=pdf", "pdf"),
    Row("reports:submit", "post", "report", MANAGER_ONLY),
    Row("reports:pack", "get", "period", REPORTING),
    Row("reports:submit_week", "post", "period", MANAGER_ONLY),
    Row("reports:board", "get", None, BOARD),
    Row("reports:downloads", "get", None, {**MANAGER_ONLY, "office": OK}),
    Row("reports:download", "get", "xlsx", owned(BOARD), label="xlsx"),
    Row("reports:download", "get", "pdf", owned(BOARD), label="pdf"),
    Row("reports:acknowledge", "post", "submission", owned(OFFICE_ONLY)),
    # training (3.3) and meetings (4.1.2, 4.2.1): the leader reads, only the team's manager acts
    Row("training:list", "get", None, {**MANAGER_ONLY, "leader": OK}),
    Row("training:mine", "get", None, TEAM_MEMBERS),
    Row("training:create", "get", None, {**MANAGER_ONLY, **NO_LEADER}),
    Row("training:detail", "get", "training", ATTENDED),
    Row("training:material", "get", "training", ATTENDED),
    Row("training:edit", "get", "training", {**owned(MANAGER_ONLY), **NO_LEADER}),
    Row("training:attendance", "post", "training", {**owned(MANAGER_ONLY), **NO_LEADER}),
    Row("meetings:list", "get", None, MEETING_READERS),
    Row("meetings:weekly_create", "get", None, {**MANAGER_ONLY, **NO_LEADER}),
    Row(
        "meetings:weekly_detail", "get", "weekly_meeting", {**MEETING_READERS, "other_manager": 404}
    ),
    Row("meetings:strategy_create", "get", None, {**MANAGER_ONLY, **NO_LEADER}),
    Row(
        "meetings:strategy_detail",
        "get",
        "strategy_meeting",
        {**MEETING_READERS, "other_manager": 404},
    ),
    Row(
        "meetings:strategy_assign",
        "post",
        "strategy_meeting_task",
        {**owned(MANAGER_ONLY), **NO_LEADER},
    ),
    # targets and pace, the annual plan: the team's manager and the leader (read-only)
    Row("performance:team", "get", "team", {**TEAM_READERS, "leader": OK}),
    Row("performance:annual", "get", "team", {**TEAM_READERS, "leader": OK}),
    Row("performance:annual_save", "post", "team", {**TEAM_READERS, "leader": 403}),
    # the problem log: the leader reads every team's and answers escalations, changes nothing else
    Row("problems:problem_list", "get", None, {**ALL_SALES_ROLES, "leader": OK}),
    Row("problems:problem_new", "get", None, {**ALL_SALES_ROLES, "leader": 403}),
    Row("problems:problem_detail", "get", "problem", owned({**ALL_SALES_ROLES, "leader": OK})),
    # the problem's handler is `salesperson`; the team's analyst is neither handler nor manager
    Row("problems:problem_handle", "post", "problem", owned(HANDLER)),
    Row("problems:problem_resolve", "post", "handling_problem", owned(HANDLER)),
    Row("problems:problem_escalate", "post", "problem", owned({**MANAGER_ONLY, "leader": 403})),
    Row("problems:problem_answer", "post", "escalated_problem", LEADER_ONLY),
    Row("problems:inbox", "get", None, {**MANAGER_ONLY, "leader": 403}),
    Row("problems:acknowledge", "post", "reported_client", owned({**MANAGER_ONLY, "leader": 403})),
    # 开户未入金 催办: the team's manager only (issue 24)
    # the team's group robot: its manager sets and tests it (issue 24)
    Row("notifications:team_robots", "get", None, MANAGER_ONLY),
    Row("notifications:team_robot_test", "post", "team_robot", owned(MANAGER_ONLY)),
    Row("problems:chase_follow_up", "post", "unfunded_client", owned({**MANAGER_ONLY})),
    Row("problems:chase_remind", "post", "unfunded_client", owned({**MANAGER_ONLY})),
    Row("proposals:list", "get", None, PROPOSAL_READERS),
    Row("proposals:create", "get", None, MANAGER_ONLY),
    Row("proposals:queue", "get", None, LEADER_ONLY),
    Row("proposals:pdf", "get", "proposal_month", PROPOSAL_READERS),
    Row("proposals:detail", "get", "draft_proposal", owned(PROPOSAL_READERS)),
    Row("proposals:edit", "get", "draft_proposal", owned(MANAGER_ONLY)),
    Row("proposals:submit", "post", "draft_proposal", owned(MANAGER_ONLY)),
    Row("proposals:revise", "post", "rejected_proposal", owned(MANAGER_ONLY)),
    # only the leader decides: a manager (of the team or not) is refused by role
    Row("proposals:approve", "post", "submitted_proposal", LEADER_ONLY),
    Row("proposals:reject", "post", "submitted_proposal", LEADER_ONLY),
    # the team's client pool (公海): its salespeople claim, its manager assigns and reads the log;
    # another team's manager does not reach this team's pooled client (404)
    Row("clientpool:pool", "get", None, SALES),
    Row("clientpool:log", "get", None, MANAGER_ONLY),
    Row("clientpool:claim", "post", "pooled_client", SP_ONLY),
    Row("clientpool:assign", "post", "pooled_client", TEAM_READERS),
    # Excel import: managers (and superusers) only; an import is its uploader's (others 404)
    Row("clientimport:upload_page", "get", None, MANAGER_ONLY),
    Row("clientimport:template", "get", None, MANAGER_ONLY),
    Row("clientimport:upload", "post", None, MANAGER_ONLY),
    Row("clientimport:preview", "get", "client_import", TEAM_READERS),
    Row("clientimport:confirm", "post", "client_import", TEAM_READERS),
    # suitability: the client's salesperson, the team's analyst and manager assess; the team's
    # manager alone decides a plan the client insisted on; the leader reads assessments
    Row("suitability:assess", "get", "client", owned(ALL_SALES_ROLES)),
    Row("suitability:assessment_detail", "get", "assessment", owned(CLIENT_READERS)),
    Row("suitability:product_list", "get", None, CLIENT_READERS),
    Row("suitability:approvals", "get", None, PROPOSAL_READERS),  # the leader decides managers' own
    Row("suitability:approve", "post", "pending_plan", owned(MANAGER_ONLY)),
    Row("suitability:reject", "post", "pending_plan", owned(MANAGER_ONLY)),
    # ownership: the transfer queue (the manager's; a salesperson's own requests), asking to move
    # a client (its owner or the team's manager), deciding (the team's manager), the logged reveal
    # of a number (who has standing on the client: owner, the team's manager and analyst)
    Row(
        "ownership:transfer_list",
        "get",
        None,
        {**MANAGER_ONLY, "salesperson": OK, "salesperson2": OK, "leader": OK},
    ),
    # 申请转移 from the duplicate-number refusal: the link is the salesperson's own (another's 404)
    Row(
        "ownership:transfer_ask",
        "get",
        "ask",
        {**dict.fromkeys(ROLES, 403), "salesperson": OK, "salesperson2": 404},
    ),
    Row(
        "ownership:transfer_new",
        "get",
        "client",
        owned({**MANAGER_ONLY, "salesperson": OK, "salesperson2": OK}),
    ),
    Row("ownership:transfer_approve", "post", "transfer", owned(MANAGER_ONLY)),
    Row("ownership:transfer_reject", "post", "transfer", owned(MANAGER_ONLY)),
    Row("ownership:phone_reveal", "post", "client", owned(ALL_SALES_ROLES)),
    # the notification centre: everyone their own; someone else's notification is a 404
    Row("notifications:list", "get", None, EVERYONE),
    Row("notifications:open", "post", "notification", MINE_ONLY),
    Row("notifications:read", "post", "notification", MINE_ONLY),
    Row("notifications:read_all", "post", "unread", EVERYONE),
    Row("notifications:preferences", "get", None, EVERYONE),
    Row("notifications:office_mail", "get", None, OFFICE_ONLY),
    Row("notifications:calendar_new", "post", None, EVERYONE),
    Row("notifications:calendar_revoke", "post", "calendar_tokens", EVERYONE),
    # 外勤签到: the manager's day view; a check-in's photo to whoever may see the visit
    Row("fieldwork:day", "get", None, MANAGER_ONLY),
    Row("fieldwork:photo", "get", "checkin", owned(CLIENT_READERS)),
    Row("fieldwork:client_location", "post", "checkin", owned(SALES)),
    # has my one-time submission key been saved? (the offline queue asks; anyone logged in)
    Row("fieldwork:submission", "get", "submission_key", EVERYONE),
]
POST_ONLY = sorted({row.name for row in MATRIX if row.method == "post"})


# --- the objects the URLs are opened on ----------------------------------------------------------


def _today():
    return timezone.localdate()


def _monday(weeks_ahead=1):
    today = _today()
    return today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks_ahead)


def _month():
    return Period.month_of(_today())


def _week():
    return Period.last_complete("week", _today())


def _plan(p, status):
    sp = p["salesperson"]
    client = ClientFactory(salesperson=sp, status="revisited")
    plan = plan_services.plan_create(owner=sp, horizon="week", period_start=_monday())
    item = plan_services.plan_item_add(
        plan=plan, by=sp, date=_monday(), client=client, purpose="closing"
    )
    if status != "draft":
        plan_services.plan_submit(plan=VisitPlan.objects.get(pk=plan.pk), by=sp)
    if status == "returned":
        plan = VisitPlan.objects.get(pk=plan.pk)
        plan_services.plan_return(plan=plan, by=p["manager"], reason="重写")
    return SimpleNamespace(plan=VisitPlan.objects.get(pk=plan.pk), item=item)


def _task(manager, salesperson):
    from tests.plans.factories import tasks_open

    tasks_open(manager, _today())
    return plan_services.task_assign(
        manager=manager,
        salesperson=salesperson,
        month=_today(),
        target_visits=1,
        target_new_clients=1,
        target_accounts=1,
        target_deposit_amount=1,
    )


def _letter(p, status):
    sp, manager = p["salesperson"], p["manager"]
    letter = _task(manager, sp).letter
    if status != "draft":
        letter = plan_services.letter_write(letter=letter, by=sp, text="承诺")
        plan_services.letter_submit(letter=letter, by=sp)
    if status == "rejected":
        letter = CommitmentLetter.objects.get(pk=letter.pk)
        plan_services.letter_reject(letter=letter, by=manager, reason="重写")
    return SimpleNamespace(letter=CommitmentLetter.objects.get(pk=letter.pk))


def _month_plans(p, reported=False):
    """Each team's month: a sales plan (reported to the office or not) and a task for every
    salesperson, its letter approved (宣布并执行 needs one for every active salesperson)."""
    for manager, people in (
        (p["manager"], (p["salesperson"], p["salesperson2"])),
        (p["other_manager"], (p["other_salesperson"],)),
    ):
        MonthlySalesPlan.objects.create(
            team=manager.team,
            month=_month().start,
            sales_plan="方案",
            reward_plan="奖励",
            author=manager,
            reported_at=timezone.now() if reported else None,
        )
        for sp in people:
            task = _task(manager, sp)
            letter = plan_services.letter_write(letter=task.letter, by=sp, text="承诺")
            letter = plan_services.letter_submit(letter=letter, by=sp)
            plan_services.letter_approve(
                letter=CommitmentLetter.objects.get(pk=letter.pk), by=manager
            )
    return SimpleNamespace()


def _submission(p):
    # a stored submission without rendering its files: the matrix checks access, not the renderers
    sub = Submission(
        team=p["manager"].team,
        code="weekly-work",
        period_key=_week().key,
        submitted_by=p["manager"],
        submitted_at=timezone.now(),
        due_at=timezone.now(),
    )
    sub.xlsx.save("m.xlsx", ContentFile(b"x"), save=False)
    sub.pdf.save("m.pdf", ContentFile(b"x"), save=False)
    sub.save()
    return SimpleNamespace(submission=sub)


def _training(p, existing=False):
    """A session of `team` with `salesperson` on its list (present) and a material file."""
    if existing:
        return TrainingSession.objects.get(topic="矩阵培训")
    session = TrainingSession(
        team=p["manager"].team,
        topic="矩阵培训",
        date=_today(),
        hours=2,
        trainer=p["manager"],
        created_by=p["manager"],
    )
    session.material_file.save("m.pdf", ContentFile(b"%PDF-1.4"), save=False)
    session.save()
    Attendance.objects.create(
        session=session,
        person=p["salesperson"],
        attended=True,
        recorded_by=p["manager"],
        recorded_at=timezone.now(),
    )
    return session


def _problem(p, status):
    """A problem of `team` raised and handled by `salesperson`, moved on to ``status``."""
    problem = problem_services.problem_raise(
        by=p["salesperson"],
        category="system",
        severity="high",
        title="系统问题",
        handler=p["salesperson"],
        due_date=_today(),
    )
    if status == "handling":
        problem = problem_services.problem_start_handling(problem=problem, by=p["salesperson"])
    if status == "escalated":
        problem = problem_services.problem_escalate(
            problem=problem, by=p["manager"], reason="请协调"
        )
    return SimpleNamespace(problem=Problem.objects.get(pk=problem.pk))


def _proposal(p, status):
    manager = p["manager"]
    proposal = proposal_services.proposal_create(
        team=manager.team,
        person=p["salesperson"],
        month=_today(),
        kind="reward",
        reason="超额完成入金任务",
        amount=Decimal("500"),
        by=manager,
    )
    if status != "draft":
        proposal = proposal_services.proposal_submit(
            proposal=proposal, by=manager, expected_version=proposal.version
        )
    if status == "rejected":
        proposal = proposal_services.proposal_reject(
            proposal=proposal, by=p["leader"], reason="依据不足", expected_version=proposal.version
        )
    return SimpleNamespace(proposal=Proposal.objects.get(pk=proposal.pk))


def build(kind, p):
    """The object a row's URL is opened on: (URL kwargs, the objects the checks look at)."""
    if kind is None:
        return {}, SimpleNamespace()
    if kind.endswith("problem"):
        o = _problem(p, kind.removesuffix("problem").rstrip("_") or "open")
        return {"pk": o.problem.pk}, o
    if kind == "submission_key":
        return {"key": "00000000-0000-0000-0000-000000000001"}, SimpleNamespace()
    if kind == "checkin":
        c = ClientFactory(salesperson=p["salesperson"], status="visited")
        visit = VisitFactory(client=c)
        checkin = fieldwork_services.checkin_record(
            visit=visit,
            by=p["salesperson"],
            position_state="ok",
            latitude=Decimal("31.2304"),
            longitude=Decimal("121.4737"),
            position_at=timezone.now(),
            photo=BytesIO(_PHOTO),
            photo_size=len(_PHOTO),
        )
        return {"pk": checkin.pk}, SimpleNamespace(client=c, checkin=checkin)
    if kind == "team_robot":
        from notifications.models import TeamChannel

        # a port that refuses at once: the test message fails fast, with its reason
        robot = TeamChannel.objects.create(
            team=p["manager"].team, kind="wecom", webhook_url="https://127.0.0.1:9/robot"
        )
        return {"pk": robot.pk}, SimpleNamespace(robot=robot)
    if kind == "unfunded_client":
        c = ClientFactory(salesperson=p["salesperson"], status="account_opened")
        return {"pk": c.pk}, SimpleNamespace(client=c)
    if kind == "reported_client":
        c = ClientFactory(salesperson=p["salesperson"], status="reported", reported_on=_today())
        return {"pk": c.pk}, SimpleNamespace(client=c)
    if kind.endswith("_proposal"):
        o = _proposal(p, kind.removesuffix("_proposal"))
        return {"pk": o.proposal.pk}, o
    if kind == "proposal_month":
        _proposal(p, "submitted")
        return {"period": _month().key}, SimpleNamespace()
    if kind == "client_import":
        batch = import_services.import_preview(
            by=p["manager"],
            data=make_xlsx([("矩阵导入", "13900000077", p["salesperson"].username)]),
            file_name="m.xlsx",
        )
        return {"pk": batch.pk}, SimpleNamespace(batch=batch)
    if kind == "pooled_client":
        c = ClientFactory(
            salesperson=p["salesperson"], status="dropped", in_pool_since=timezone.now()
        )
        return {}, SimpleNamespace(client=c)
    if kind == "assessment":
        c = ClientFactory(salesperson=p["salesperson"], status="visited")
        return {"pk": assess(c, "C3").pk}, SimpleNamespace(client=c)
    if kind == "pending_plan":
        c = ClientFactory(salesperson=p["salesperson"], status="reported", reported_on=_today())
        assess(c, "C1")
        plan = visit_services.client_prepare_plan(
            client=c,
            by=p["analyst"],
            content="方案",
            products=[product("R3")],
            revisit_due=_today(),
            insistence="客户坚持",
            risk_warning_signed_on=_today(),
        )
        return {"pk": plan.suitability.pk}, SimpleNamespace(suitability=plan.suitability)
    if kind == "ask":
        from ownership.queries import ask_token

        c = ClientFactory(salesperson=p["other_salesperson"], status="visited")
        return {"token": ask_token(p["salesperson"], c)}, SimpleNamespace(client=c)
    if kind == "transfer":
        c = ClientFactory(salesperson=p["salesperson"], status="visited")
        t = ownership_services.transfer_request(
            client=c, by=p["salesperson"], to=p["salesperson2"], reason="片区调整"
        )
        return {"pk": t.pk}, SimpleNamespace(client=c, transfer=t)
    if kind in ("client", "client_action"):
        c = ClientFactory(salesperson=p["salesperson"], status="revisited")
        kwargs = {"pk": c.pk} | ({"action": "start_closing"} if kind == "client_action" else {})
        return kwargs, SimpleNamespace(client=c)
    if kind.endswith("_plan"):
        o = _plan(p, kind.removesuffix("_plan"))
        return {"pk": o.plan.pk}, o
    if kind.endswith("_item"):
        o = _plan(p, kind.removesuffix("_item"))
        return {"pk": o.item.pk}, o
    if kind.endswith("_letter"):
        o = _letter(p, kind.removesuffix("_letter"))
        return {"pk": o.letter.pk}, o
    if kind == "month":
        return {}, _month_plans(p)
    if kind == "reported_month":
        return {}, _month_plans(p, reported=True)
    if kind == "tasks_open_user":
        from tests.plans.factories import tasks_open

        for manager in (p["manager"], p["other_manager"]):
            tasks_open(manager, _today())
        return {"user_id": p["salesperson"].pk}, SimpleNamespace()
    if kind == "user":
        return {"user_id": p["salesperson"].pk}, SimpleNamespace()
    if kind == "code":
        return {"code": "weekly-work"}, SimpleNamespace()
    if kind == "report":
        return {"code": "weekly-work", "period": _week().key}, SimpleNamespace()
    if kind == "weekly_plan_report":
        return {"code": "weekly-plan", "period": _week().key}, SimpleNamespace()
    if kind == "sales_report":
        month = Period.last_complete("month", _today())
        return {"code": "monthly-sales", "period": month.key}, SimpleNamespace()
    if kind == "period":
        return {"period": _week().key}, SimpleNamespace()
    if kind == "sales_plan_month":
        plan = plan_services.sales_plan_save(
            team=p["manager"].team,
            month=_today(),
            by=p["manager"],
            sales_plan="方案",
            reward_plan="奖励",
        )
        return {"pk": plan.pk}, SimpleNamespace()
    if kind == "manager_week":
        weekly = plan_services.manager_weekly_plan_save(
            team=p["manager"].team,
            week_start=_week().start,
            by=p["manager"],
            own_items="自己的安排",
            report=True,
        )
        return {"pk": weekly.pk}, SimpleNamespace()
    if kind == "training":
        return {"pk": _training(p).pk}, SimpleNamespace(session=_training(p, existing=True))
    if kind == "weekly_meeting":
        m = WeeklyMeeting.objects.create(
            team=p["manager"].team,
            date=_today(),
            week_start=_monday(),
            minutes="纪要",
            created_by=p["manager"],
        )
        return {"pk": m.pk}, SimpleNamespace(meeting=m)
    if kind in ("strategy_meeting", "strategy_meeting_task"):
        from tests.plans.factories import tasks_open

        tasks_open(p["manager"], _month().start)
        m, _ = StrategyMeeting.objects.get_or_create(
            team=p["manager"].team,
            month=_month().start,
            defaults={"date": _today(), "minutes": "纪要", "created_by": p["manager"]},
        )
        extra = {"user_id": p["salesperson"].pk} if kind.endswith("_task") else {}
        return {"pk": m.pk, **extra}, SimpleNamespace(meeting=m)
    if kind in ("xlsx", "pdf"):
        o = _submission(p)
        return {"pk": o.submission.pk, "kind": kind}, o
    if kind == "worklog":
        log = plan_services.worklog_write(
            salesperson=p["salesperson"], date=_today(), content="拜访两位客户"
        )
        return {"pk": log.pk}, SimpleNamespace(log=log)
    if kind == "team":
        return {"pk": p["manager"].team_id}, SimpleNamespace(team=p["manager"].team)
    if kind == "submission":
        o = _submission(p)
        return {"pk": o.submission.pk}, o
    if kind in ("notification", "unread"):
        n = notify(
            kind="plan_returned", recipient=p["salesperson"], subject="matrix", url="/plans/"
        )
        return ({"pk": n.pk} if kind == "notification" else {}), SimpleNamespace(notification=n)
    if kind == "calendar_tokens":
        for person in p.values():
            calendar_token_create(by=person)
        return {}, SimpleNamespace()
    raise AssertionError(kind)


# --- what an allowed POST does: (payload, where it redirects, whether the change is there) --------
# ``done(o, user)`` with user=None asks "did it happen for anyone?" (a refused POST must not).


def _detail(o, user):
    return reverse("plans:plan_detail", args=[o.plan.pk])


def _review(o, user):
    return reverse("plans:review_queue")


def _plan_status(status):
    return lambda o, user: VisitPlan.objects.get(pk=o.plan.pk).status == status


def _letter_status(status):
    return lambda o, user: CommitmentLetter.objects.get(pk=o.letter.pk).status == status


def _my_month(o, user):
    return f"/plans/my-month/?month={_month().key}"


def _month_page(o, user):
    return f"/plans/month/?month={_month().key}"


def _team_month(user, **lookup):
    qs = MonthlySalesPlan.objects.filter(**lookup)
    return (qs if user is None else qs.filter(team=user.team)).exists()


def _task_payload(o, p):
    prefix = f"t{p['salesperson'].pk}"
    targets = {
        "target_visits": 7,
        "target_new_clients": 2,
        "target_accounts": 1,
        "target_deposit_amount": "1000",
    }
    return {f"{prefix}-{k}": v for k, v in targets.items()}


def _submitted(user, codes, round_=False):
    """Each report submitted for the week — or, for a reporting round, the statistics of the week
    and the plan table of the week after (reports.submissions.asked_period)."""
    qs = Submission.objects.all() if user is None else Submission.objects.filter(team=user.team)
    return all(
        qs.filter(
            code=code, period_key=(asked_period(code, _week()) if round_ else _week()).key
        ).exists()
        for code in codes
    )


def _annual_payload():
    data = {"year": 2026, "target_visits": 12, "target_new_clients": 0, "target_accounts": 0}
    data["target_deposit_amount"] = "0"
    for m in range(1, 13):
        data |= {f"m{m}_target_visits": 1, f"m{m}_target_new_clients": 0}
        data |= {f"m{m}_target_accounts": 0, f"m{m}_target_deposit_amount": "0"}
    return data


WEEKLY = [code for code, defn in REPORTS.items() if defn.period_kind == "week"]


def _problem_page(o, user):
    return reverse("problems:problem_detail", args=[o.problem.pk])


def _problem_status(status):
    return lambda o, user: Problem.objects.get(pk=o.problem.pk).status == status


EFFECTS = {
    "problems:problem_handle": (
        lambda o, p: {"handle-version": o.problem.version, "handle-note": "已联系"},
        _problem_page,
        _problem_status("handling"),
    ),
    "problems:problem_resolve": (
        lambda o, p: {"resolve-version": o.problem.version, "resolve-resolution": "已解决"},
        _problem_page,
        _problem_status("resolved"),
    ),
    "problems:problem_escalate": (
        lambda o, p: {"escalate-version": o.problem.version, "escalate-reason": "请领导协调"},
        _problem_page,
        _problem_status("escalated"),
    ),
    "problems:problem_answer": (
        lambda o, p: {"answer-version": o.problem.version, "answer-answer": "同意"},
        _problem_page,
        _problem_status("answered"),
    ),
    "notifications:team_robot_test": (
        lambda o, p: {},
        lambda o, user: reverse("notifications:team_robots"),
        lambda o, user: (
            type(o.robot).objects.filter(pk=o.robot.pk, tested_at__isnull=False).exists()
        ),
    ),
    "problems:chase_follow_up": (
        lambda o, p: {"instruction": "跟进入金"},
        lambda o, user: reverse("problems:inbox") + "#chase-list",
        lambda o, user: ChaseAction.objects.filter(client=o.client, kind="follow_up").exists(),
    ),
    "problems:chase_remind": (
        lambda o, p: {},
        lambda o, user: reverse("problems:inbox") + "#chase-list",
        lambda o, user: ChaseAction.objects.filter(client=o.client, kind="reminder").exists(),
    ),
    "problems:acknowledge": (
        lambda o, p: {"comment": "已阅"},
        lambda o, user: reverse("problems:inbox"),
        lambda o, user: ReportAcknowledgement.objects.filter(client=o.client).exists(),
    ),
    "suitability:approve": (
        lambda o, p: {"version": o.suitability.version, "comment": "同意"},
        lambda o, user: reverse("suitability:approvals"),
        lambda o, user: PlanSuitability.objects.get(pk=o.suitability.pk).verdict == "approved",
    ),
    "suitability:reject": (
        lambda o, p: {"version": o.suitability.version, "comment": "风险过高"},
        lambda o, user: reverse("suitability:approvals"),
        lambda o, user: PlanSuitability.objects.get(pk=o.suitability.pk).verdict == "rejected",
    ),
    "accounts:logout": (
        lambda o, p: {},
        lambda o, user: "/accounts/login/",
        None,  # checked on the client's session in the test
    ),
    "visits:client_action": (
        lambda o, p: {"start_closing-version": o.client.version, "start_closing-comment": ""},
        lambda o, user: reverse("visits:client_detail", args=[o.client.pk]),
        lambda o, user: SalesClient.objects.get(pk=o.client.pk).status == "closing",
    ),
    "plans:plan_create": (
        lambda o, p: {"horizon": "week", "day": _monday(3).isoformat()},
        lambda o, user: reverse(
            "plans:plan_detail",
            args=[VisitPlan.objects.get(owner=user, period_start=_monday(3)).pk],
        ),
        lambda o, user: VisitPlan.objects.filter(
            period_start=_monday(3), **({} if user is None else {"owner": user})
        ).exists(),
    ),
    "plans:item_add": (
        lambda o, p: {
            "version": o.plan.version,
            "date": _monday().isoformat(),
            "prospect_name": "赵先生",
            "purpose": "first",
        },
        _detail,
        lambda o, user: VisitPlanItem.objects.filter(plan=o.plan, prospect_name="赵先生").exists(),
    ),
    "plans:plan_submit": (
        lambda o, p: {"version": o.plan.version},
        _detail,
        _plan_status("submitted"),
    ),
    "plans:plan_approve": (
        lambda o, p: {"version": o.plan.version},
        _review,
        _plan_status("approved"),
    ),
    "plans:plan_return": (
        lambda o, p: {"version": o.plan.version, "reason": "请重写"},
        _review,
        _plan_status("returned"),
    ),
    "plans:plan_reopen": (
        lambda o, p: {"version": o.plan.version},
        _detail,
        _plan_status("draft"),
    ),
    "plans:item_archive": (
        lambda o, p: {"version": o.plan.version},
        _detail,
        lambda o, user: VisitPlanItem.objects.get(pk=o.item.pk).archived_at is not None,
    ),
    "plans:item_key": (
        lambda o, p: {"is_key": "1"},
        _detail,
        lambda o, user: VisitPlanItem.objects.get(pk=o.item.pk).is_key,
    ),
    "plans:month_report": (
        lambda o, p: {},
        _month_page,
        lambda o, user: _team_month(user, reported_at__isnull=False),
    ),
    "plans:month_announce": (
        lambda o, p: {},
        _month_page,
        lambda o, user: _team_month(user, announced_at__isnull=False),
    ),
    "plans:task_assign": (
        _task_payload,
        _month_page,
        lambda o, user: SalesTask.objects.filter(target_visits=7).exists(),
    ),
    "plans:letter_write": (
        lambda o, p: {"version": o.letter.version, "text": "新的承诺"},
        _my_month,
        lambda o, user: CommitmentLetter.objects.get(pk=o.letter.pk).text == "新的承诺",
    ),
    "plans:letter_redo": (
        lambda o, p: {"version": o.letter.version},
        _my_month,
        _letter_status("draft"),
    ),
    "plans:letter_approve": (
        lambda o, p: {"version": o.letter.version},
        _review,
        _letter_status("approved"),
    ),
    "plans:letter_reject": (
        lambda o, p: {"version": o.letter.version, "reason": "请重写"},
        _review,
        _letter_status("rejected"),
    ),
    "plans:worklog_comment": (
        lambda o, p: {"text": "矩阵批注"},
        lambda o, user: reverse("plans:team_logs") + f"?date={o.log.date.isoformat()}",
        lambda o, user: WorkLogComment.objects.filter(log=o.log, text="矩阵批注").exists(),
    ),
    "reports:submit": (
        lambda o, p: {},
        lambda o, user: reverse("reports:report", args=["weekly-work", _week().key]),
        lambda o, user: _submitted(user, ["weekly-work"]),
    ),
    "reports:submit_week": (
        lambda o, p: {},
        lambda o, user: reverse("reports:board"),
        lambda o, user: _submitted(user, WEEKLY, round_=True),
    ),
    "performance:annual_save": (
        lambda o, p: _annual_payload(),
        lambda o, user: reverse("performance:annual", args=[o.team.pk]) + "?year=2026",
        lambda o, user: AnnualPlan.objects.filter(team=o.team, year=2026).exists(),
    ),
    "training:attendance": (
        lambda o, p: {
            "version": o.session.version,
            "present": [p["salesperson2"].pk],
            "listed": [p["salesperson2"].pk],
        },
        lambda o, user: reverse("training:detail", args=[o.session.pk]),
        lambda o, user: Attendance.objects.filter(
            session=o.session, person__username="sales2", attended=True
        ).exists(),
    ),
    "meetings:strategy_assign": (
        _task_payload,
        lambda o, user: reverse("meetings:strategy_detail", args=[o.meeting.pk]),
        lambda o, user: SalesTask.objects.filter(target_visits=7).exists(),
    ),
    "reports:acknowledge": (
        lambda o, p: {},
        lambda o, user: reverse("reports:board"),
        lambda o, user: Submission.objects.get(pk=o.submission.pk).acknowledged_by_id is not None,
    ),
}


def _proposal_detail(o, user):
    return reverse("proposals:detail", args=[o.proposal.pk])


def _proposal_status(status):
    return lambda o, user: Proposal.objects.get(pk=o.proposal.pk).status == status


EFFECTS |= {
    "fieldwork:client_location": (
        lambda o, p: {},
        lambda o, user: reverse("visits:client_detail", args=[o.client.pk]),
        lambda o, user: ClientLocation.objects.filter(client=o.client).exists(),
    ),
    "proposals:submit": (
        lambda o, p: {"version": o.proposal.version},
        _proposal_detail,
        _proposal_status("submitted"),
    ),
    "proposals:revise": (
        lambda o, p: {"version": o.proposal.version},
        _proposal_detail,
        _proposal_status("draft"),
    ),
    "proposals:approve": (
        lambda o, p: {"version": o.proposal.version},
        lambda o, user: reverse("proposals:queue"),
        _proposal_status("approved"),
    ),
    "proposals:reject": (
        lambda o, p: {"version": o.proposal.version, "reason": "请补充依据"},
        lambda o, user: reverse("proposals:queue"),
        _proposal_status("rejected"),
    ),
}


EFFECTS |= {
    "clientpool:claim": (
        lambda o, p: {"clients": [o.client.pk]},
        lambda o, user: reverse("clientpool:pool"),
        lambda o, user: SalesClient.objects.filter(
            pk=o.client.pk,
            in_pool_since__isnull=True,
            **({} if user is None else {"salesperson": user}),
        ).exists(),
    ),
    "clientimport:upload": (
        lambda o, p: {
            "file": SimpleUploadedFile(
                "m.xlsx", make_xlsx([("上传客户", "13900000078", p["salesperson"].username)])
            )
        },
        lambda o, user: reverse(
            "clientimport:preview", args=[ClientImport.objects.get(created_by=user).pk]
        ),
        lambda o, user: ClientImport.objects.filter(
            **({} if user is None else {"created_by": user})
        ).exists(),
    ),
    "clientimport:confirm": (
        lambda o, p: {"version": o.batch.version},
        lambda o, user: reverse("clientimport:preview", args=[o.batch.pk]),
        lambda o, user: SalesClient.objects.filter(name="矩阵导入").exists(),
    ),
    "clientpool:assign": (
        lambda o, p: {"clients": [o.client.pk], "salesperson": p["salesperson2"].pk},
        lambda o, user: reverse("clientpool:pool"),
        lambda o, user: SalesClient.objects.filter(
            pk=o.client.pk, in_pool_since__isnull=True, salesperson__username="sales2"
        ).exists(),
    ),
}


def _transfer_state(state):
    return lambda o, user: ClientTransfer.objects.get(pk=o.transfer.pk).state == state


EFFECTS |= {
    "ownership:transfer_approve": (
        lambda o, p: {"note": "同意"},
        lambda o, user: reverse("ownership:transfer_list"),
        _transfer_state("approved"),
    ),
    "ownership:transfer_reject": (
        lambda o, p: {"note": "客户指定原营销人员"},
        lambda o, user: reverse("ownership:transfer_list"),
        _transfer_state("rejected"),
    ),
    "ownership:phone_reveal": (
        lambda o, p: {},
        lambda o, user: reverse("visits:client_detail", args=[o.client.pk]),
        lambda o, user: PhoneReveal.objects.filter(
            client=o.client, **({} if user is None else {"user": user})
        ).exists(),
    ),
}


def _read(o, user):
    if user is None:
        return Notification.objects.get(pk=o.notification.pk).read_at is not None
    return not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def _tokens(revoked):
    def done(o, user):
        qs = CalendarToken.objects.filter(revoked_at__isnull=not revoked)
        return (qs if user is None else qs.filter(user=user)).exists()

    return done


EFFECTS |= {
    "notifications:open": (lambda o, p: {}, lambda o, user: "/plans/", _read),
    "notifications:read": (
        lambda o, p: {},
        lambda o, user: reverse("notifications:list"),
        _read,
    ),
    "notifications:read_all": (
        lambda o, p: {},
        lambda o, user: reverse("notifications:list"),
        _read,
    ),
    "notifications:calendar_new": (
        lambda o, p: {},
        lambda o, user: reverse("notifications:preferences"),
        _tokens(revoked=False),
    ),
    "notifications:calendar_revoke": (
        lambda o, p: {},
        lambda o, user: reverse("notifications:preferences"),
        _tokens(revoked=True),
    ),
}


def test_every_url_is_in_the_matrix():
    names = {name for name, route in ALL if name not in PUBLIC and not route.startswith("static/")}
    assert names - {row.name for row in MATRIX} == set(), "add the new URL to the permission matrix"
    assert set(EFFECTS) == set(POST_ONLY), "say what each POST-only URL changes"


@pytest.fixture(scope="module")
def people(module_db, django_db_blocker):
    """The role fixtures' people, built once for the module; each test's changes roll back."""
    with django_db_blocker.unblock():
        p = make_people()
    return {role: p[role] for role in [*ROLES, "other_salesperson"]}


CASES = [
    pytest.param(row, role, id=f"{row.id}-{role}")
    for row in MATRIX
    for role in ["anonymous", *row.roles]
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), CASES)
def test_permission_matrix(people, row, role):
    kwargs, o = build(row.kind, people)
    url = reverse(row.name, kwargs=kwargs) + row.query
    user = people.get(role)
    c = Client()
    if user is not None:
        c.force_login(user)
    effect = EFFECTS.get(row.name)
    data = effect[0](o, people) if effect else {}
    response = getattr(c, row.method)(url, data)
    got = (response.status_code, response.get("Location"))
    want = row.anonymous if user is None else row.roles[role]

    if want == LOGIN:
        assert got == (302, redirect_to_login(url).url), f"anonymous {row.method} {url}: {got}"
    elif want == OK and row.method == "get":
        if row.name == "reports:report_latest":
            assert got == (302, reverse("reports:report", args=["weekly-work", _week().key]))
        else:
            assert response.status_code == 200, f"{role} GET {url}: {got}"
    elif want == OK:
        assert got == (302, effect[1](o, user)), f"{role} POST {url}: {got}"
        if row.name == "accounts:logout":
            assert "_auth_user_id" not in c.session
        else:
            assert effect[2](o, user), f"{role} POST {url} changed nothing"
    else:
        status = want[0] if isinstance(want, tuple) else want
        assert response.status_code == status, f"{role} {row.method} {url}: {got}"
        if isinstance(want, tuple):
            assert got == want, f"{role} {row.method} {url}: {got}"
    if want != OK and effect and effect[2]:
        assert not effect[2](o, None), f"{role} POST {url} was refused but changed the database"


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_ONLY)
@pytest.mark.parametrize("role", ["anonymous", "salesperson", "manager", "office", "leader"])
def test_get_on_a_post_only_url_is_405(people, name, role):
    row = next(row for row in MATRIX if row.name == name)
    kwargs, _o = build(row.kind, people)
    c = Client()
    if role != "anonymous":
        c.force_login(people[role])
    response = c.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 405
    assert "POST" in response["Allow"]


def _anonymous_answer(name, method):
    if name in PUBLIC:
        return PUBLIC[name][method]
    if name in POST_ONLY and method == "get":
        return 405, None
    if name == "accounts:logout":
        return 302, "/accounts/login/"
    return LOGIN


ANONYMOUS = [
    pytest.param(name, route, method, id=f"{name}-{method}")
    for name, route in ALL
    if not route.startswith("static/")
    for method in ("get", "post")
]


def test_the_matrix_names_exactly_the_sites_urls():
    """Every URL pattern the resolver knows (Django's admin aside) has a row or is public, and
    every row's URL exists: a URL dropped from the site, or from the matrix, fails here."""
    names = [name for name, _route in ALL]
    assert None not in names, "every URL pattern has a name"
    assert len(names) == len(set(names)), "one pattern per name"
    assert set(names) == {row.name for row in MATRIX} | set(PUBLIC)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route", "method"), ANONYMOUS)
def test_anonymous_every_url_both_methods(client, name, route, method):
    """Found by walking the URL patterns, so a new view cannot escape it; no object needed."""
    path = sample_path(route)
    response = getattr(client, method)(path)
    want = _anonymous_answer(name, method)
    if want == LOGIN:
        want = (302, redirect_to_login(path).url)
    assert (response.status_code, response.get("Location")) == want, f"{method} {path}"
