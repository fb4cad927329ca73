from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("team/<int:pk>/", views.team, name="team"),
    path("team/<int:pk>/annual/", views.annual, name="annual"),
    path("team/<int:pk>/annual/save/", views.annual_save, name="annual_save"),
]
