"""Crafted input never gives a 500.

Two halves. Every hostile shape (dates outside 2000–2099, integers past the database's range,
negative page sizes, digits that str.isdigit accepts but int() does not, over-long text, NUL) goes
through each shared parser the views and forms read input with (``parse_id``, ``parse_day``,
``Period.parse``, ``paginate``, the forms' day, count, money, phone and id fields), which must answer
with their documented fallback or refusal. Then every URL the resolver knows, as each role (one test
per URL and role), is fetched once; each query parameter it read and each field of each form it
shows is set to a small representative set of those shapes. Each answer is a page, a redirect, or a
clear 4xx — never a 500.

The parameters a page reads are recorded while it answers the GET (every ``QueryDict`` lookup), so a
parameter added to a view later is fuzzed without editing this file; the form fields come from the
page's own HTML. The world the pages are opened on is built once per module (``module_db``).

CI runs this file on PostgreSQL (marker ``sql``, README "Tests in CI")."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlencode

import django_tables2 as tables
import pytest
from django import forms
from django.core.files.base import ContentFile
from django.http import QueryDict
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import User
from clientimport import services as import_services
from fieldwork import services as fieldwork_services
from meetings.models import StrategyMeeting, WeeklyMeeting
from notifications.services import notify
from ownership import services as ownership_services
from plans import services as plan_services
from plans.models import VisitPlan
from problems import services as problem_services
from proposals import services as proposal_services
from reports.models import Submission
from salesops.forms import DayField, ModelIdsField, PhoneField, count_field, money_field
from salesops.periods import Period
from salesops.views import parse_day, parse_id
from tests.clientimport.conftest import make_xlsx
from tests.conftest import make_people
from tests.factories import UserFactory
from tests.suitability.factories import assess, product
from tests.visits.factories import ClientFactory, VisitFactory
from training import services as training_services
from visits import services as visit_services

pytestmark = pytest.mark.django_db

HOSTILE = [
    "9999-12-31",
    "0001-01-01",
    "1999-12-31",
    "2100-01-01",
    "2026-02-30",
    "2147483648",
    "99999999999999999999",
    "-5",
    "0",
    "²",
    "١٢",
    "x",
    "",
    "A" * 3000,
    "\x00",
    "a\x01b",
    "\x1f\x7f",
]
# what each URL's parameters and form fields get: one of each class of the shapes above (a day far
# out, a day that does not exist, an integer past 64 bits, a digit int() refuses, over-long text)
SAMPLE = ["9999-12-31", "2026-02-30", "99999999999999999999", "²", "A" * 3000]
# never fuzzed: they end the session or leave the app
SKIP = {"accounts:logout", "accounts:login", "set_language", "calendar_feed"}


def iter_patterns(patterns=None, prefix="", namespace=None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":  # Django's own admin, tested by Django
                continue
            yield from iter_patterns(
                p.url_patterns, prefix + str(p.pattern), p.namespace or namespace
            )
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), prefix + str(p.pattern)


@pytest.fixture(autouse=True)
def _media_root(settings, module_media):
    """The world's files (a frozen submission) stay in the module's media root for every test."""
    settings.MEDIA_ROOT = module_media


@pytest.fixture(scope="module")
def world(module_db, django_db_blocker):
    with django_db_blocker.unblock():
        return build_world()


def build_world():
    p = make_people()
    team, manager, salesperson, analyst = p["team"], p["manager"], p["salesperson"], p["analyst"]
    today = timezone.localdate()
    client = ClientFactory(salesperson=salesperson, status="revisited")
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
    plan = plan_services.plan_create(owner=salesperson, horizon="week", period_start=monday)
    item = plan_services.plan_item_add(
        plan=plan, by=salesperson, date=monday, client=client, purpose="closing"
    )
    plan_services.plan_submit(plan=VisitPlan.objects.get(pk=plan.pk), by=salesperson)
    from tests.plans.factories import tasks_open

    tasks_open(manager, today)
    task = plan_services.task_assign(
        manager=manager,
        salesperson=salesperson,
        month=today,
        target_visits=1,
        target_new_clients=1,
        target_accounts=1,
        target_deposit_amount=1,
    )
    letter = plan_services.letter_write(letter=task.letter, by=salesperson, text="承诺")
    plan_services.letter_submit(letter=letter, by=salesperson)
    week = Period.last_complete("week", today)
    weekly = plan_services.manager_weekly_plan_save(
        team=team, week_start=week.start, by=manager, own_items="自己的安排", report=True
    )
    submission = Submission(
        team=team,
        code="weekly-work",
        period_key=week.key,
        submitted_by=manager,
        submitted_at=timezone.now(),
        due_at=timezone.now(),
    )
    submission.xlsx.save("m.xlsx", ContentFile(b"x"), save=False)
    submission.pdf.save("m.pdf", ContentFile(b"x"), save=False)
    submission.save()
    session = training_services.session_save(
        team=team, by=manager, topic="培训", date=today, hours=Decimal(2), trainer=manager
    )
    weekly_meeting = WeeklyMeeting.objects.create(
        team=team, date=today, week_start=monday, minutes="纪要", created_by=manager
    )
    strategy, _ = StrategyMeeting.objects.get_or_create(
        team=team,
        month=today.replace(day=1),
        defaults={"date": today, "minutes": "纪要", "created_by": manager},
    )
    proposal = proposal_services.proposal_create(
        team=team,
        person=salesperson,
        month=today,
        kind="reward",
        reason="表现突出",
        amount=Decimal("100"),
        by=manager,
    )
    proposal_services.proposal_submit(
        proposal=proposal, by=manager, expected_version=proposal.version
    )
    draft = proposal_services.proposal_create(
        team=team,
        person=salesperson,
        month=today,
        kind="penalty",
        reason="日志缺写",
        amount=Decimal("5"),
        unit="points",
        by=manager,
    )
    problem = problem_services.problem_raise(
        by=salesperson,
        category="system",
        severity="high",
        title="系统问题",
        handler=salesperson,
        due_date=today,
    )
    log = plan_services.worklog_write(salesperson=salesperson, date=today, content="拜访客户")
    ClientFactory(salesperson=salesperson, status="dropped", in_pool_since=timezone.now())
    client_import = import_services.import_preview(
        by=manager,
        data=make_xlsx([("导入客户", "13900000099", salesperson.username), ("坏行", "x", "")]),
        file_name="c.xlsx",
    )
    checkin = fieldwork_services.checkin_record(
        visit=VisitFactory(client=client),
        by=salesperson,
        position_state="ok",
        latitude=Decimal("31.2304"),
        longitude=Decimal("121.4737"),
        position_at=timezone.now(),
    )
    assessment = assess(client, "C3")
    insisted = ClientFactory(salesperson=salesperson, status="reported", reported_on=today)
    assess(insisted, "C1")
    pending = visit_services.client_prepare_plan(
        client=insisted,
        by=analyst,
        content="方案",
        products=[product("R3")],
        revisit_due=today,
        insistence="客户坚持",
        risk_warning_signed_on=today,
    ).suitability
    colleague = UserFactory(role="salesperson", team=team, full_name="接手人")
    transfer = ownership_services.transfer_request(
        client=ClientFactory(salesperson=salesperson, status="visited"),
        by=salesperson,
        to=colleague,
        reason="片区调整",
    )
    from notifications.models import TeamChannel
    from ownership.queries import ask_token
    from plans.models import MonthlySalesPlan

    sales_plan = MonthlySalesPlan.objects.get(team=team, month=today.replace(day=1))
    robot = TeamChannel.objects.create(
        team=team, kind="wecom", webhook_url="https://127.0.0.1:9/robot"
    )
    note = notify(kind="plan_returned", recipient=salesperson, subject="fuzz", url="/plans/")
    objects = {
        "clientimport:": {"pk": client_import.pk},
        "fieldwork:": {"pk": checkin.pk, "key": "00000000-0000-0000-0000-000000000001"},
        "ownership:transfer_new": {"pk": client.pk},
        "ownership:phone_reveal": {"pk": client.pk},
        "ownership:transfer": {"pk": transfer.pk},
        "ownership:transfer_ask": {"token": ask_token(salesperson, client)},
        "notifications:open": {"pk": note.pk},
        "notifications:read": {"pk": note.pk},
        "plans:worklog": {"pk": log.pk},
        "training:": {"pk": session.pk},
        "meetings:weekly": {"pk": weekly_meeting.pk},
        "meetings:strategy": {"pk": strategy.pk, "user_id": salesperson.pk},
        "proposals:pdf": {"period": Period.month_of(today).key},
        "proposals:detail": {"pk": proposal.pk},
        "proposals:edit": {"pk": draft.pk},
        "proposals:submit": {"pk": draft.pk},
        "proposals:revise": {"pk": proposal.pk},
        "proposals:approve": {"pk": proposal.pk},
        "proposals:reject": {"pk": proposal.pk},
        "problems:problem": {"pk": problem.pk},
        "problems:acknowledge": {"pk": client.pk},
        "problems:chase": {"pk": client.pk},
        "plans:sales_plan": {"pk": sales_plan.pk},
        # a port that refuses at once: a test message fails fast, with its reason
        "notifications:team_robot": {"pk": robot.pk},
        "visits:client": {"pk": client.pk},
        "visits:client_action": {"pk": client.pk, "action": "start_closing"},
        "plans:plan": {"pk": plan.pk},
        "plans:item": {"pk": item.pk},
        "plans:letter": {"pk": letter.pk},
        "plans:task": {"user_id": salesperson.pk},
        "plans:manager_week": {"pk": weekly.pk},
        "reports:acknowledge": {"pk": submission.pk},
        "reports:download": {"pk": submission.pk, "kind": "xlsx"},
        "reports:pack": {"period": week.key},
        "reports:submit_week": {"period": week.key},
        "reports:report": {"code": "weekly-work", "period": week.key},
        "reports:submit": {"code": "weekly-work", "period": week.key},
        "performance:team": {"pk": team.pk},
        "performance:annual": {"pk": team.pk},
        "suitability:assessment": {"pk": assessment.pk},
        "suitability:assess": {"pk": client.pk},
        "suitability:approve": {"pk": pending.pk},
        "suitability:reject": {"pk": pending.pk},
    }
    return p, objects


def path_kwargs(name: str, route: str, objects: dict) -> dict:
    """Real ids for a route's parameters, chosen by the URL's name (its subject)."""
    params = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if not params:
        return {}
    app, view = name.split(":")
    for subject in SUBJECTS[app]:
        if view.startswith(subject):
            source = objects[f"{app}:{subject}"]
            return {p: source[p] for p in params}
    raise AssertionError(f"give {name} ({route}) a sample object in this test's world")


# which sample object a URL with parameters is opened on: the first prefix of its name that matches
SUBJECTS = {
    "visits": ["client_action", "client"],
    "plans": ["manager_week", "sales_plan", "plan", "item", "letter", "task", "worklog"],
    "reports": ["acknowledge", "download", "pack", "submit_week", "report", "submit"],
    "training": [""],  # every training URL with a parameter is opened on one session
    "meetings": ["weekly", "strategy"],
    "performance": ["team", "annual"],
    "problems": ["acknowledge", "chase", "problem"],
    "proposals": ["pdf", "detail", "edit", "submit", "revise", "approve", "reject"],
    "clientimport": [""],  # the preview and its confirmation, on one import
    "suitability": ["assessment", "assess", "approve", "reject"],
    "ownership": ["transfer_new", "transfer_ask", "phone_reveal", "transfer"],
    "notifications": ["open", "read", "team_robot"],
    "fieldwork": [""],  # the check-in's photo and its use as the client's address position
}


class Forms(HTMLParser):
    """The POST forms of a page: action and each field's current value (as a browser would send)."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "option":
            pick = self._select and self._form is not None
            if pick and ("selected" in a or not self._form.get(self._select)):
                self._form[self._select] = a.get("value", "")
        elif tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {}
            self.forms.append((a.get("action", ""), self._form))
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                self._form.setdefault(a["name"], "")
            else:
                self._form[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a["name"]
            self._form.setdefault(a["name"], "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form[a["name"]] = ""

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def recording_reads(monkeypatch) -> set[str]:
    """Every key a view looks up in a QueryDict (request.GET / request.POST) while answering."""
    read: set[str] = set()
    for method in ("get", "getlist", "__getitem__", "__contains__"):
        original = getattr(QueryDict, method)

        def spy(self, key, *args, _original=original, **kwargs):
            if isinstance(key, str):
                read.add(key)
            return _original(self, key, *args, **kwargs)

        monkeypatch.setattr(QueryDict, method, spy)
    return read


def fetch(client: Client, method: str, url: str, data=None):
    """(status, response); a view's exception (re-raised by the test client) is the 500."""
    try:
        response = getattr(client, method)(url, data)
    except Exception as exc:
        return f"500 {type(exc).__name__}: {exc}"[:300], None
    return response.status_code, response


def is_500(status, response=None) -> bool:
    """A crash; a PDF past its time budget is a deliberate 503 page (``pdf_unavailable``), not one."""
    if response is not None and status == 503 and response.has_header("Retry-After"):
        return False
    return not isinstance(status, int) or status >= 500


# --- the shared parsers, with every hostile value ------------------------------------------------


class _Table(tables.Table):
    n = tables.Column()


def _paginate(value):
    from salesops.views import paginate

    request = RequestFactory().get("/", {"page": value, "per_page": value, "sort": value})
    table = _Table([{"n": i} for i in range(30)])
    paginate(request, table, per_page=10)
    return list(table.page.object_list)


def _form_field(field):
    def clean(value):
        try:
            return field.clean(value)
        except forms.ValidationError:
            return "refused"

    return clean


def _period(value):
    try:
        return Period.parse(value)
    except ValueError:
        return "refused"


PARSERS = {
    "parse_id": lambda v: parse_id(v),
    "parse_day": lambda v: parse_day(v, dt.date(2026, 11, 27)),
    "Period.parse": _period,
    "paginate": _paginate,
    "DayField": _form_field(DayField(required=False)),
    "count_field": _form_field(count_field("n", required=False)),
    "money_field": _form_field(money_field("m")),
    "PhoneField": _form_field(PhoneField(required=False)),
    "ModelIdsField": _form_field(ModelIdsField(queryset=User.objects.all(), required=False)),
}


def _is(kind, check=lambda v: True):
    return lambda got: got in ("refused", None, "") or (isinstance(got, kind) and check(got))


# what each parser may answer: its fallback or refusal, or a value inside the database's range
ANSWERS = {
    "parse_id": lambda got: got is None or 0 < got <= 2**31 - 1,
    "parse_day": lambda got: dt.date(2000, 1, 1) <= got <= dt.date(2099, 12, 31),
    "Period.parse": _is(Period, lambda p: 2000 <= p.start.year <= 2099),
    "paginate": lambda got: 1 <= len(got) <= 10,
    "DayField": lambda got: got in ("refused", None) or 2000 <= got.year <= 2099,
    "count_field": lambda got: got in ("refused", None) or 0 <= got <= 2**31 - 1,
    "money_field": _is(Decimal, lambda d: 0 < d < 10**12),
    "PhoneField": _is(str, lambda t: len(t) <= 30),
    "ModelIdsField": lambda got: got == "refused" or not got.exists(),
}


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v[:12]))
@pytest.mark.parametrize("parser", PARSERS)
def test_each_shared_parser_takes_every_hostile_value(parser, value):
    got = PARSERS[parser](value if parser != "ModelIdsField" else [value])
    assert ANSWERS[parser](got), f"{parser}({value[:20]!r}) gave {got!r}"


# --- every URL, as each role, with a representative set ------------------------------------------

ROLES = ["salesperson", "analyst", "manager", "office", "leader"]
URLS = [(name, route) for name, route in sorted(set(iter_patterns())) if name not in SKIP]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "route"), URLS, ids=[name for name, _ in URLS])
def test_no_query_parameter_or_form_field_gives_a_500(name, route, role, world, monkeypatch):
    people, objects = world
    user = Client()
    user.force_login(people[role])
    url = reverse(name, kwargs=path_kwargs(name, route, objects))
    read = recording_reads(monkeypatch)
    status, response = fetch(user, "get", url)
    monkeypatch.undo()
    assert not is_500(status, response), f"GET {url}: {status}"
    if status != 200:
        return
    failures = []
    html = response.content.decode() if "html" in response.get("Content-Type", "") else ""
    # a page (not a file) is also asked for a table's sort and page, whether it read them or not
    for key in sorted(read | ({"page", "per_page", "sort"} if html else set())):
        for value in SAMPLE:
            status, answered = fetch(user, "get", f"{url}?{urlencode({key: value})}")
            if is_500(status, answered):
                failures.append((url, f"?{key}", value[:20], status))
    parser = Forms()
    parser.feed(html)
    posted: set[tuple[str, str]] = set()
    for action, fields in parser.forms:
        target = action or url
        if target.startswith(("/i18n/", "/accounts/logout")):
            continue
        for field in fields:
            if field == "csrfmiddlewaretoken" or (target, field) in posted:
                continue
            posted.add((target, field))
            for value in SAMPLE:
                status, answered = fetch(user, "post", target, {**fields, field: value})
                if is_500(status, answered):
                    failures.append((target, f"POST {field}", value[:20], status))
    assert failures == [], "\n".join(map(str, failures))


@pytest.mark.parametrize("control", ["%00", "%01", "%1F", "%7F", "a%00b"])
def test_control_characters_in_a_query_value_are_400(world, control):
    """NUL reached PostgreSQL (a 500 there); every C0 control but tab, CR, LF is now refused
    before any view (salesops.badinput): 400 with the reason, on every URL alike."""
    people, _objects = world
    user = Client()
    user.force_login(people["salesperson"])
    for url in (reverse("visits:client_search"), reverse("visits:client_list"), "/"):
        status, answered = fetch(user, "get", f"{url}?q={control}")
        assert status == 400, (url, status)
