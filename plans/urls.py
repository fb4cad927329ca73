from django.urls import path

from .views import month, plans, week, worklogs

app_name = "plans"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_create, name="plan_create"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/items/", plans.item_add, name="item_add"),
    path("<int:pk>/submit/", plans.plan_submit, name="plan_submit"),
    path("<int:pk>/approve/", plans.plan_approve, name="plan_approve"),
    path("<int:pk>/return/", plans.plan_return, name="plan_return"),
    path("<int:pk>/reopen/", plans.plan_reopen, name="plan_reopen"),
    path("items/<int:pk>/edit/", plans.item_edit, name="item_edit"),
    path("items/<int:pk>/archive/", plans.item_archive, name="item_archive"),
    path("items/<int:pk>/key/", plans.item_key, name="item_key"),
    path("review/", plans.review_queue, name="review_queue"),
    path("log/", worklogs.worklog, name="worklog"),
    path("team-logs/", worklogs.team_logs, name="team_logs"),
    path("logs/<int:pk>/comment/", worklogs.worklog_comment, name="worklog_comment"),
    path("focus/", week.focus, name="focus"),
    path("month/", month.month, name="month"),
    path("month/report/", month.month_report, name="month_report"),
    path("month/announce/", month.month_announce, name="month_announce"),
    path("month/tasks/<int:user_id>/", month.task_assign, name="task_assign"),
    path("month/<int:pk>/view/", month.sales_plan_detail, name="sales_plan_detail"),
    path("my-month/", month.my_month, name="my_month"),
    path("letters/<int:pk>/", month.letter_detail, name="letter_detail"),
    path("letters/<int:pk>/write/", month.letter_write, name="letter_write"),
    path("letters/<int:pk>/redo/", month.letter_redo, name="letter_redo"),
    path("letters/<int:pk>/approve/", month.letter_approve, name="letter_approve"),
    path("letters/<int:pk>/reject/", month.letter_reject, name="letter_reject"),
    path("letters/<int:pk>/pdf/", month.letter_pdf, name="letter_pdf"),
    path("week/", week.manager_week, name="manager_week"),
    path("week/<int:pk>/", week.manager_week_detail, name="manager_week_detail"),
    path("office/", week.office, name="office"),
]
