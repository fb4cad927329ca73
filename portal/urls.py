from django.contrib import admin
from django.urls import include, path

from fieldwork import views as fieldwork_views
from notifications.views import calendar_feed

from . import views

admin.site.site_header = "营销管理系统 · 系统管理"
admin.site.site_title = "salesops"

urlpatterns = [
    path("", views.home, name="home"),
    path("todo/", views.todo, name="todo"),
    path("accounts/", include("accounts.urls")),
    path("visits/", include("visits.urls")),
    path("plans/", include("plans.urls")),
    path("reports/", include("reports.urls")),
    path("training/", include("training.urls")),
    path("meetings/", include("meetings.urls")),
    path("performance/", include("performance.urls")),
    path("problems/", include("problems.urls")),
    path("proposals/", include("proposals.urls")),
    path("pool/", include("clientpool.urls")),
    path("imports/", include("clientimport.urls")),
    path("suitability/", include("suitability.urls")),
    path("ownership/", include("ownership.urls")),
    path("notifications/", include("notifications.urls")),
    path("calendar/<str:token>.ics", calendar_feed, name="calendar_feed"),
    path("field/", include("fieldwork.urls")),
    # the installable app: served from the root so that the service worker's scope is the site
    path("manifest.webmanifest", fieldwork_views.manifest, name="manifest"),
    path("sw.js", fieldwork_views.service_worker, name="service_worker"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
# Media (frozen report submissions) is never served as static files: only reports:download hands
# them out, after the scope check.
