from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_create, name="create"),
    path("queue/", views.leader_queue, name="queue"),
    path("month/<str:period>/pdf/", views.month_pdf, name="pdf"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/edit/", views.proposal_edit, name="edit"),
    path("<int:pk>/submit/", views.proposal_submit, name="submit"),
    path("<int:pk>/revise/", views.proposal_revise, name="revise"),
    path("<int:pk>/approve/", views.proposal_approve, name="approve"),
    path("<int:pk>/reject/", views.proposal_reject, name="reject"),
]
