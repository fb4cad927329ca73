from django.urls import path

from . import views, views_month

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/items/", views.item_add, name="item_add"),
    path("<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("<int:pk>/return/", views.plan_return, name="plan_return"),
    path("<int:pk>/reopen/", views.plan_reopen, name="plan_reopen"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/archive/", views.item_archive, name="item_archive"),
    path("items/<int:pk>/key/", views.item_key, name="item_key"),
    path("review/", views.review_queue, name="review_queue"),
    path("log/", views.worklog, name="worklog"),
    path("focus/", views.focus, name="focus"),
    path("month/", views_month.month, name="month"),
    path("month/report/", views_month.month_report, name="month_report"),
    path("month/announce/", views_month.month_announce, name="month_announce"),
    path("month/tasks/<int:user_id>/", views_month.task_assign, name="task_assign"),
    path("my-month/", views_month.my_month, name="my_month"),
    path("letters/<int:pk>/", views_month.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/write/", views_month.letter_write, name="letter_write"),
    path("letters/<int:pk>/redo/", views_month.letter_redo, name="letter_redo"),
    path("letters/<int:pk>/approve/", views_month.letter_approve, name="letter_approve"),
    path("letters/<int:pk>/reject/", views_month.letter_reject, name="letter_reject"),
    path("letters/<int:pk>/pdf/", views_month.letter_pdf, name="letter_pdf"),
    path("week/", views_month.manager_week, name="manager_week"),
    path("week/<int:pk>/", views_month.manager_week_detail, name="manager_week_detail"),
    path("office/", views_month.office, name="office"),
]
