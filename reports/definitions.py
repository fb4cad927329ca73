"""The seven reports, each one definition: titles, period kind, columns and one query.

Renderers (HTML table, .xlsx, PDF) are driven by these definitions only, so every form shows the
same numbers. Adding an eighth report means adding one ReportDef to REPORTS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import queries
from .rows import RowSet


@dataclass(frozen=True)
class Column:
    key: str
    title: str | Promise  # a translatable Chinese title (the msgid)
    kind: str = "text"  # text | int | money | percent | date | hours (one decimal)
    total: bool = False  # a totals row sums this column
    user_text: bool = False  # typed by a user: exported as inert text, never as a formula


@dataclass(frozen=True)
class ReportDef:
    code: str
    number: int
    title: str | Promise  # a translatable Chinese title (the msgid)
    title_en: str
    period_kind: str  # week | month
    columns: tuple[Column, ...]
    query_name: str  # the function of reports.queries that returns the rows
    ratio_totals: dict[str, tuple[str, str]] = field(default_factory=dict)  # total = num / den
    to_date: bool = False  # statistics: a running period is counted to date (截至 today)
    plans_ahead: bool = False  # a plan table: due before the period it plans runs
    uses_working_days: bool = False  # warns when the working calendar lacks the period's year

    def query(self, scope, period) -> list[dict[str, Any]] | RowSet:
        """The report's rows for a scope and a period, from its query in reports.queries."""
        return getattr(queries, self.query_name)(scope, period)


C = Column
SALES = (
    C("salesperson", _("营销人员")),
    C("team", _("团队")),
    C("attempts", _("促单次数"), "int", True),
    C("won", _("促单成功"), "int", True),
    C("lost", _("促单失败"), "int", True),
    C("win_rate", _("成功率"), "percent"),
    C("accounts", _("开户数"), "int", True),
    C("deposit_count", _("入金笔数"), "int", True),
    C("deposit_amount", _("入金金额"), "money", True),
)
WORK = (
    C("salesperson", _("营销人员")),
    C("team", _("团队")),
    C("visits", _("拜访次数"), "int", True),
    C("onsite", _("上门拜访"), "int", True),
    C("invited", _("邀约来司"), "int", True),
    C("first_visits", _("初访"), "int", True),
    C("revisits", _("回访"), "int", True),
    C("new_clients", _("新增客户"), "int", True),
    C("reported", _("上报经理"), "int", True),
    C("items_planned", _("计划拜访"), "int", True),
    C("items_done", _("已完成"), "int", True),
    C("execution", _("执行率"), "percent"),
    C("logs", _("日志篇数"), "int", True),
    C("working_days", _("工作日"), "int"),
    C("overdue", _("逾期未回访"), "int", True),
)

REPORTS: dict[str, ReportDef] = {
    r.code: r
    for r in [
        ReportDef(
            "weekly-plan",
            1,
            _("周工作方案表"),
            "Weekly work plan table",
            "week",
            (
                C("salesperson", _("营销人员")),
                C("plan_status", _("方案状态")),
                C("date", _("日期"), "date"),
                C("client", _("客户"), user_text=True),
                C("purpose", _("拜访目的")),
                C("key", _("重点")),
                C("done", _("完成情况")),
                C("note", _("备注"), user_text=True),
            ),
            "weekly_plan",
            plans_ahead=True,
        ),
        ReportDef(
            "monthly-plan",
            2,
            _("月工作方案表"),
            "Monthly work plan table",
            "month",
            (
                C("salesperson", _("营销人员")),
                C("team", _("团队")),
                C("plan_status", _("月方案状态")),
                C("target_visits", _("目标拜访"), "int", True),
                C("target_new_clients", _("目标新客户"), "int", True),
                C("target_accounts", _("目标开户"), "int", True),
                C("target_deposit", _("目标入金"), "money", True),
                C("letter_status", _("承诺书")),
                C("announced", _("任务宣布")),
                C("key_clients", _("重点客户"), user_text=True),
            ),
            "monthly_plan",
            plans_ahead=True,
        ),
        ReportDef(
            "weekly-sales",
            3,
            _("销售情况周统计表"),
            "Weekly sales statistics",
            "week",
            SALES
            + (
                C("mtd_deposit", _("本月累计入金"), "money", True),
                C("target_deposit", _("月入金目标"), "money", True),
                C("completion", _("月完成率"), "percent"),
            ),
            "weekly_sales",
            {"win_rate": ("won", "won+lost"), "completion": ("mtd_deposit", "target_deposit")},
            to_date=True,
        ),
        ReportDef(
            "monthly-sales",
            4,
            _("销售情况月统计表"),
            "Monthly sales statistics",
            "month",
            SALES
            + (
                C("target_accounts", _("开户目标"), "int", True),
                C("target_deposit", _("入金目标"), "money", True),
                C("completion", _("完成率"), "percent"),
            ),
            "monthly_sales",
            {"win_rate": ("won", "won+lost"), "completion": ("deposit_amount", "target_deposit")},
            to_date=True,
        ),
        ReportDef(
            "weekly-work",
            5,
            _("营销人员工作周统计表"),
            "Salesperson work weekly statistics",
            "week",
            WORK,
            "work_stats",
            {"execution": ("items_done", "items_planned")},
            to_date=True,
            uses_working_days=True,
        ),
        ReportDef(
            "monthly-work",
            6,
            _("营销人员工作月统计表"),
            "Salesperson work monthly statistics",
            "month",
            (*WORK, C("training_hours", _("培训学时"), "hours", True)),
            "work_stats",
            {"execution": ("items_done", "items_planned")},
            to_date=True,
            uses_working_days=True,
        ),
        ReportDef(
            "target-clients",
            7,
            _("目标客户基本信息情况统计表"),
            "Target client basic information table",
            "month",
            (
                C("name", _("客户姓名"), user_text=True),
                C("phone", _("联系电话"), user_text=True),
                C("salesperson", _("营销人员")),
                C("analyst", _("分析师")),
                C("source", _("客户来源")),
                C("experience", _("投资经历"), user_text=True),
                C("needs", _("投资需求"), user_text=True),
                C("risk", _("风险偏好")),
                C("assessment_level", _("风险等级")),
                C("assessment_valid", _("评估有效期"), "date"),
                C("suitability", _("适当性")),
                C("funds", _("意向资金"), "money", True),
                C("status", _("状态")),
                C("first_visit", _("首次拜访"), "date"),
                C("last_visit", _("最近拜访"), "date"),
                C("visit_count", _("拜访次数"), "int", True),
                C("revisit_due", _("限期回访"), "date"),
                C("plan", _("投资方案")),
                C("opened_on", _("开户日期"), "date"),
                C("deposits", _("入金合计"), "money", True),
                C("remarks", _("备注"), user_text=True),
            ),
            "target_clients",
            to_date=True,
        ),
    ]
}
