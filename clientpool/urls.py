from django.urls import path

from . import views

app_name = "clientpool"

urlpatterns = [
    path("", views.pool_list, name="pool"),
    path("claim/", views.pool_claim, name="claim"),
    path("assign/", views.pool_assign, name="assign"),
    path("log/", views.pool_log, name="log"),
]
