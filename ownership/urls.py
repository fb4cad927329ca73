from django.urls import path

from . import views

app_name = "ownership"

urlpatterns = [
    path("transfers/", views.transfer_list, name="transfer_list"),
    path("transfers/<int:pk>/approve/", views.transfer_approve, name="transfer_approve"),
    path("transfers/<int:pk>/reject/", views.transfer_reject, name="transfer_reject"),
    path("clients/<int:pk>/transfer/", views.transfer_new, name="transfer_new"),
    path("ask/<str:token>/", views.transfer_ask, name="transfer_ask"),
    path("clients/<int:pk>/phone/", views.phone_reveal, name="phone_reveal"),
]
