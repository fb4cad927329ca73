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
from salesops.views import paginate, parse_id

from . import calendar, queries, services
from . import messages as texts
from .forms import PreferenceForm
from .models import CalendarToken
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
    form = PreferenceForm(
        request.POST or None, initial={"email": pref.email, "team_robot": pref.team_robot}
    )
    if request.method == "POST" and form.is_valid():
        services.preference_save(
            by=request.user,
            email=form.cleaned_data["email"],
            team_robot=form.cleaned_data["team_robot"],
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
        {"form": form, "feed_url": feed_url, "has_email": bool(request.user.email)},
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
