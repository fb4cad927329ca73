from django.urls import path

from . import views

app_name = "visits"

urlpatterns = [
    path("", views.visit_list, name="visit_list"),
    path("log/", views.visit_log, name="visit_log"),
    path("log/clients/", views.client_search, name="client_search"),
    path("clients/", views.client_list, name="client_list"),
    path("clients/new/", views.client_register, name="client_register"),
    path("clients/<int:pk>/", views.client_detail, name="client_detail"),
    path("clients/<int:pk>/edit/", views.client_edit, name="client_edit"),
    path("clients/<int:pk>/do/<slug:action>/", views.client_action, name="client_action"),
    path("queue/", views.analyst_queue, name="analyst_queue"),
    path("pipeline/", views.pipeline, name="pipeline"),
]
