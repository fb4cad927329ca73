from django.urls import path

from . import views

app_name = "problems"

urlpatterns = [
    path("", views.problem_list, name="problem_list"),
    path("new/", views.problem_new, name="problem_new"),
    path("<int:pk>/", views.problem_detail, name="problem_detail"),
    path("<int:pk>/handle/", views.problem_handle, name="problem_handle"),
    path("<int:pk>/escalate/", views.problem_escalate, name="problem_escalate"),
    path("<int:pk>/answer/", views.problem_answer, name="problem_answer"),
    path("<int:pk>/resolve/", views.problem_resolve, name="problem_resolve"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("inbox/<int:pk>/follow-up/", views.chase_follow_up, name="chase_follow_up"),
    path("inbox/<int:pk>/remind/", views.chase_remind, name="chase_remind"),
]
