from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("weekly/new/", views.weekly_create, name="weekly_create"),
    path("weekly/<int:pk>/", views.weekly_detail, name="weekly_detail"),
    path("strategy/new/", views.strategy_create, name="strategy_create"),
    path("strategy/<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path(
        "strategy/<int:pk>/tasks/<int:user_id>/",
        views.strategy_assign,
        name="strategy_assign",
    ),
]
