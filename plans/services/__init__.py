"""Every state-changing action on plans, work logs, tasks, letters and daily focus, by subject.

Services are keyword-only and transactional (the toolkit is salesops.services): they ask plans.rules
whether the user may act (403 when not), lock the row, check the optimistic-lock version the user
saw, check the state (ServiceError with a message for the user), act and save. A refusal changes
nothing. Import them from here: ``from plans import services; services.plan_submit(...)``.
"""

from salesops.services import ServiceError, StaleVersion

from .month import (
    letter_approve,
    letter_redo,
    letter_reject,
    letter_submit,
    letter_write,
    month_announce,
    sales_plan_report_to_office,
    sales_plan_save,
    task_assign,
)
from .plans import (
    plan_approve,
    plan_create,
    plan_item_add,
    plan_item_archive,
    plan_item_update,
    plan_items_mark_done,
    plan_period,
    plan_reopen,
    plan_return,
    plan_set_key,
    plan_submit,
)
from .week import focus_assign, manager_weekly_plan_save
from .worklogs import worklog_comment, worklog_write

__all__ = [
    "ServiceError",
    "StaleVersion",
    "focus_assign",
    "letter_approve",
    "letter_redo",
    "letter_reject",
    "letter_submit",
    "letter_write",
    "manager_weekly_plan_save",
    "month_announce",
    "plan_approve",
    "plan_create",
    "plan_item_add",
    "plan_item_archive",
    "plan_item_update",
    "plan_items_mark_done",
    "plan_period",
    "plan_reopen",
    "plan_return",
    "plan_set_key",
    "plan_submit",
    "sales_plan_report_to_office",
    "sales_plan_save",
    "task_assign",
    "worklog_comment",
    "worklog_write",
]
