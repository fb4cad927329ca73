"""Thin views: the installable app's manifest and service worker, the offline page, check-in photos
(only to those who may see the visit) and the manager's 外勤 day view."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.permissions import SALES_ROLES, role_required
from accounts.scoping import get_visible_or_404, visible_teams
from salesops import clock
from salesops.models import Submission
from salesops.views import parse_day, parse_id, redirect_to, run_service
from visits import rules as visit_rules
from visits.models import Client

from . import pwa, queries, services
from .models import CheckIn

PHOTO_READERS = (*SALES_ROLES, Role.LEADER)


@require_GET
@cache_control(max_age=3600, public=True)
def manifest(request):
    return JsonResponse(
        pwa.manifest(),
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@never_cache
def service_worker(request):
    response = HttpResponse(pwa.worker_script(), content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """What a page not kept for offline use shows while there is no connection."""
    return render(request, "fieldwork/offline.html")


@role_required(*PHOTO_READERS)
def photo(request, pk: int):
    checkin = get_visible_or_404(request.user, CheckIn.objects.select_related("visit"), pk=pk)
    if not checkin.photo or not default_storage.exists(checkin.photo.name):
        raise Http404
    response = FileResponse(default_storage.open(checkin.photo.name), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
@never_cache
def submission(request, key):
    """Was this one-time submission key of mine saved? The device asks before sending again a
    visit whose POST it could not see answered (a dropped connection): if it was saved, nothing is
    sent again — not even the photo."""
    return JsonResponse({"saved": Submission.objects.filter(key=key, user=request.user).exists()})


@role_required(Role.MANAGER)
def day(request):
    today = clock.today()
    chosen = parse_day(request.GET.get("date"), today)
    teams = visible_teams(request.user)
    team = None
    if "team" in request.GET:
        team_id = parse_id(request.GET.get("team"))
        team = teams.filter(pk=team_id).first() if team_id else None
        if team is None:
            raise Http404
    context = {
        "day": chosen,
        "prev": chosen - dt.timedelta(days=1),
        "next": chosen + dt.timedelta(days=1) if chosen < today else None,
        "today": today,
        "teams": teams,
        "team": team,
        "rows": queries.day_view(request.user, chosen, team),
    }
    return render(request, "fieldwork/day.html", context)


@require_POST
@role_required(Role.SALESPERSON, Role.MANAGER)
def client_location(request, pk: int):
    """Take this check-in's position as the client's address position."""
    checkin = get_visible_or_404(
        request.user, CheckIn.objects.select_related("visit__client"), pk=pk
    )
    client: Client = checkin.visit.client
    if not visit_rules.may(request.user, client, "edit_info"):
        raise PermissionDenied
    run_service(
        request,
        lambda: services.client_location_set(client=client, by=request.user, checkin=checkin),
        success=_("已将本次签到位置设为客户地址定位。"),
    )
    return redirect_to("visits:client_detail", client.pk)
