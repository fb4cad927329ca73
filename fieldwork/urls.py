from django.urls import path

from . import views

app_name = "fieldwork"

urlpatterns = [
    path("day/", views.day, name="day"),
    path("offline/", views.offline, name="offline"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("submissions/<uuid:key>/", views.submission, name="submission"),
    path("checkins/<int:pk>/client-location/", views.client_location, name="client_location"),
]
