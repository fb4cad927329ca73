"""The notification centre (list, open = mark read and go to the thing to act on, mark all read),
the channel preferences with the private calendar URL, and the calendar feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import role_required
from accounts.scoping import get_visible_or_404, manages
from salesops.views import paginate, parse_id, run_service

from . import calendar, queries, services
from . import messages as texts
from .forms import PreferenceForm, TeamRobotForm
from .models import CalendarToken, TeamChannel
from .tables import DeliveryTable, OfficeMailTable


@login_required
def notification_list(request):
    page = Paginator(queries.notifications_for(request.user), 30).get_page(
        parse_id(request.GET.get("page")) or 1
    )
    entries = [(n, texts.text(n)) for n in page.object_list]
    return render(request, "notifications/list.html", {"page": page, "entries": entries})


@require_POST
@login_required
def notification_open(request, pk: int):
    """Mark read and go to the thing to act on (the list when it names none)."""
    notification = queries.notifications_for(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    services.notification_mark_read(notification=notification, by=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
@login_required
def notification_read(request, pk: int):
    notification = queries.notifications_for(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    services.notification_mark_read(notification=notification, by=request.user)
    return redirect("notifications:list")


@require_POST
@login_required
def notification_read_all(request):
    count = services.notifications_mark_all_read(by=request.user)
    messages.success(request, _("已将 %(count)s 条通知标为已读。") % {"count": count})
    return redirect("notifications:list")


@login_required
def preferences(request):
    pref = services.preference_of(request.user)
    offered = services.channels_offered(request.user)
    form = PreferenceForm(
        request.POST or None,
        initial={"email": pref.email, "team_robot": pref.team_robot},
        offered=offered,
    )
    if request.method == "POST" and form.is_valid():
        services.preference_save(
            by=request.user,
            email=form.cleaned_data.get("email", pref.email),
            team_robot=form.cleaned_data.get("team_robot", pref.team_robot),
        )
        messages.success(request, _("通知渠道已保存。"))
        return redirect("notifications:preferences")
    token = services.live_token(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[token.token])) if token else ""
    )
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "feed_url": feed_url,
            "has_email": bool(request.user.email),
            "has_robot": "team_robot" in offered,
        },
    )


@require_POST
@login_required
def calendar_new(request):
    services.calendar_token_create(by=request.user)
    messages.success(request, _("已生成新的日历订阅地址，旧地址（如有）已失效。"))
    return redirect("notifications:preferences")


@require_POST
@login_required
def calendar_revoke(request):
    services.calendar_token_revoke(by=request.user)
    messages.success(request, _("日历订阅地址已停用。"))
    return redirect("notifications:preferences")


def calendar_feed(request, token: str):
    """The private iCalendar feed: a live token gives its owner's deadlines, anything else a 404.
    No session is needed (a phone's calendar fetches it) and the token opens nothing else."""
    if request.method not in ("GET", "HEAD") or len(token) > 64:
        raise Http404
    row = (
        CalendarToken.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if row is None or not row.user.is_active:
        raise Http404
    response = HttpResponse(calendar.feed(row.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="salesops.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@role_required(Role.OFFICE)
def office_mail(request):
    """The office sees in the app every mail that was sent or failed: the reports sent to its
    mailbox (notifications.reports_mail) and the notifications mailed to people; paged."""
    mails = OfficeMailTable(queries.office_mails(), prefix="m-")
    paginate(request, mails, per_page=25)
    deliveries = DeliveryTable(queries.mail_deliveries(), prefix="d-")
    paginate(request, deliveries, per_page=25)
    return render(
        request, "notifications/office_mail.html", {"mails": mails, "deliveries": deliveries}
    )


def _managed_team(request):
    team = request.user.team
    if team is None or not manages(request.user, team.pk):
        raise Http404
    return team


@role_required(Role.MANAGER)
def team_robots(request):
    """团队群机器人: the manager sets the team's WeCom or DingTalk robot and tests it."""
    team = _managed_team(request)
    form = TeamRobotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        ok = run_service(
            request,
            lambda: services.team_robot_save(
                team=team,
                by=request.user,
                kind=d["kind"],
                webhook_url=d["webhook_url"],
                secret=d["secret"],
                active=d["active"],
            ),
            success=_("群机器人已保存。"),
            form=form,
        )
        if ok:
            return redirect("notifications:team_robots")
    robots = TeamChannel.objects.filter(team=team).order_by("kind")
    return render(
        request, "notifications/team_robots.html", {"form": form, "robots": robots, "team": team}
    )


@require_POST
@role_required(Role.MANAGER)
def team_robot_test(request, pk: int):
    robot = get_visible_or_404(request.user, TeamChannel.objects.select_related("team"), pk=pk)
    failure = services.team_robot_test(robot=robot, by=request.user)
    if failure:
        messages.error(request, _("发送失败：%(reason)s") % {"reason": failure})
    else:
        messages.success(request, _("测试消息已发送，请在群里查看。"))
    return redirect("notifications:team_robots")
