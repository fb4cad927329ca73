"""Training pages (3.3): the manager's list and team hours, a session with its attendance sheet,
"my training" for salespeople and analysts. Thin: scope, role, one service or query."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role, User
from accounts.permissions import role_required
from accounts.scoping import visible_to
from reports.services import download_record
from salesops.services import today
from salesops.views import redirect_to, run_create, run_service

from . import queries, rules, services
from .forms import AttendanceForm, SessionForm
from .models import TrainingSession


def _team(request):
    """The manager's own team: sessions are recorded for it."""
    if request.user.team_id is None:
        raise PermissionDenied
    return request.user.team


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return today().year
    return year if 2000 <= year <= 2100 else today().year


def _trainers(team_id: int):
    return (
        User.objects.filter(is_active=True)
        .filter(Q(team_id=team_id) | Q(managed_teams__pk=team_id))
        .distinct()
    )


@role_required(Role.MANAGER, Role.LEADER)
def session_list(request):
    sessions = visible_to(request.user, TrainingSession.objects.select_related("team", "trainer"))
    context = {"sessions": sessions[:200], "day": today()}
    if request.user.role == Role.MANAGER and request.user.team_id:
        context["team_hours"] = queries.team_hours(request.user.team_id, today())
    return render(request, "training/list.html", context)


@role_required(Role.SALESPERSON, Role.ANALYST)
def mine(request):
    year = _year(request)
    sessions = (
        queries.sessions_for(request.user).filter(date__year=year).prefetch_related("attendances")
    )
    attended = {
        a.session_id: a.attended
        for a in request.user.training_attendances.filter(session__date__year=year)
    }
    return render(
        request,
        "training/mine.html",
        {
            "year": year,
            "prev": year - 1,
            "next": year + 1,
            "rows": [(s, attended.get(s.pk)) for s in sessions],
            **queries.person_year(request.user, year),
        },
    )


def _form_page(request, session=None):
    team = session.team if session else _team(request)
    if session is None:
        initial = {"date": today(), "hours": 2}
    else:
        initial = {
            "version": session.version,
            "topic": session.topic,
            "date": session.date,
            "hours": session.hours,
            "trainer": session.trainer_id,
            "trainer_name": session.trainer_name,
            "material": session.material,
        }
    form = SessionForm(
        request.POST or None, request.FILES or None, initial=initial, trainers=_trainers(team.pk)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        # a new session or an edit: both carry a one-time key (a double click saves once)
        response = run_create(
            request,
            lambda: services.session_save(
                team=team,
                by=request.user,
                topic=d["topic"],
                date=d["date"],
                hours=d["hours"],
                trainer=d["trainer"],
                trainer_name=d["trainer_name"],
                material=d["material"],
                material_file=d["material_file"],
                session=session,
                expected_version=d["version"],
            ),
            success=_("培训记录已保存。"),
            form=form,
            then=lambda saved: redirect_to("training:detail", (saved or session).pk),
        )
        if response:
            return response
    return render(request, "training/form.html", {"form": form, "session": session})


@role_required(Role.MANAGER)
def session_create(request):
    return _form_page(request)


def _session(request, pk: int) -> TrainingSession:
    try:
        return queries.sessions_for(request.user).get(pk=pk)
    except TrainingSession.DoesNotExist:
        raise Http404 from None


@role_required(Role.MANAGER)
def session_edit(request, pk: int):
    session = _session(request, pk)
    if not rules.may_run_training(request.user, session.team_id):
        raise PermissionDenied
    return _form_page(request, session)


@role_required(*rules.READERS)
def session_detail(request, pk: int):
    session = _session(request, pk)
    return render(
        request,
        "training/detail.html",
        {
            "session": session,
            "rows": queries.session_rows(session),
            "can_run": rules.may_run_training(request.user, session.team_id),
        },
    )


@require_POST
@role_required(Role.MANAGER)
def attendance(request, pk: int):
    session = _session(request, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("出勤登记未保存：%(e)s") % {"e": form.errors.as_text()})
        return redirect_to("training:detail", session.pk)
    present = list(form.cleaned_data["present"])
    absent = [p for p in form.cleaned_data["listed"] if p not in present]
    run_service(
        request,
        lambda: services.attendance_record(
            session=session,
            by=request.user,
            present=present,
            absent=absent,
            expected_version=form.cleaned_data["version"],
        ),
        success=_("出勤已登记。"),
    )
    return redirect_to("training:detail", session.pk)


@role_required(*rules.READERS)
def material(request, pk: int):
    """The material file, only to those who may read the session (never served as static)."""
    session = _session(request, pk)
    if not session.material_file:
        raise Http404
    name = session.material_file.name.rsplit("/", 1)[-1]
    download_record(
        by=request.user,
        what=_("培训资料 %(date)s %(topic)s") % {"date": session.date, "topic": session.topic},
        kind=name.rsplit(".", 1)[-1][:10],
        path=request.get_full_path(),
        team_id=session.team_id,
    )
    return FileResponse(session.material_file.open("rb"), as_attachment=True, filename=name)
