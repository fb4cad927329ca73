from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("submissions/", views.board, name="board"),
    path("downloads/", views.downloads, name="downloads"),
    path("submissions/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("submissions/<int:pk>/<slug:kind>/", views.download, name="download"),
    path("pack/<str:period>/", views.pack, name="pack"),
    path("pack/<str:period>/submit/", views.submit_week, name="submit_week"),
    path("<slug:code>/", views.report_latest, name="report_latest"),
    path("<slug:code>/<str:period>/", views.report, name="report"),
    path("<slug:code>/<str:period>/submit/", views.submit, name="submit"),
]
