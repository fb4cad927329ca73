"""The seven reports, each one definition: titles, period kind, columns and one query.

Renderers (HTML table, .xlsx, PDF) are driven by these definitions only, so every form shows the
same numbers. Adding an eighth report means adding one ReportDef to REPORTS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import queries


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str = "text"  # text | int | money | percent | date
    total: bool = False  # a totals row sums this column
    user_text: bool = False  # typed by a user: exported as inert text, never as a formula


@dataclass(frozen=True)
class ReportDef:
    code: str
    number: int
    title: str
    title_en: str
    period_kind: str  # week | month
    columns: tuple[Column, ...]
    query: Callable[..., list[dict[str, Any]]]
    ratio_totals: dict[str, tuple[str, str]] = field(default_factory=dict)  # total = num / den


C = Column
SALES = (
    C("salesperson", "营销人员"),
    C("team", "团队"),
    C("attempts", "促单次数", "int", True),
    C("won", "促单成功", "int", True),
    C("lost", "促单失败", "int", True),
    C("win_rate", "成功率", "percent"),
    C("accounts", "开户数", "int", True),
    C("deposit_count", "入金笔数", "int", True),
    C("deposit_amount", "入金金额", "money", True),
)
WORK = (
    C("salesperson", "营销人员"),
    C("team", "团队"),
    C("visits", "拜访次数", "int", True),
    C("onsite", "上门拜访", "int", True),
    C("invited", "邀约来司", "int", True),
    C("first_visits", "初访", "int", True),
    C("revisits", "回访", "int", True),
    C("new_clients", "新增客户", "int", True),
    C("reported", "上报经理", "int", True),
    C("items_planned", "计划拜访", "int", True),
    C("items_done", "已完成", "int", True),
    C("execution", "执行率", "percent"),
    C("logs", "日志篇数", "int", True),
    C("working_days", "工作日", "int"),
    C("overdue", "逾期未回访", "int", True),
)

REPORTS: dict[str, ReportDef] = {
    r.code: r
    for r in [
        ReportDef(
            "weekly-plan",
            1,
            "周工作方案表",
            "Weekly work plan table",
            "week",
            (
                C("salesperson", "营销人员"),
                C("plan_status", "方案状态"),
                C("date", "日期", "date"),
                C("client", "客户", user_text=True),
                C("purpose", "拜访目的"),
                C("key", "重点"),
                C("done", "完成情况"),
                C("note", "备注", user_text=True),
            ),
            queries.weekly_plan,
        ),
        ReportDef(
            "monthly-plan",
            2,
            "月工作方案表",
            "Monthly work plan table",
            "month",
            (
                C("salesperson", "营销人员"),
                C("team", "团队"),
                C("plan_status", "月方案状态"),
                C("target_visits", "目标拜访", "int", True),
                C("target_new_clients", "目标新客户", "int", True),
                C("target_accounts", "目标开户", "int", True),
                C("target_deposit", "目标入金", "money", True),
                C("letter_status", "承诺书"),
                C("announced", "任务宣布"),
                C("key_clients", "重点客户", user_text=True),
            ),
            queries.monthly_plan,
        ),
        ReportDef(
            "weekly-sales",
            3,
            "销售情况周统计表",
            "Weekly sales statistics",
            "week",
            SALES
            + (
                C("mtd_deposit", "本月累计入金", "money", True),
                C("target_deposit", "月入金目标", "money", True),
                C("completion", "月完成率", "percent"),
            ),
            queries.weekly_sales,
            {"win_rate": ("won", "won+lost"), "completion": ("mtd_deposit", "target_deposit")},
        ),
        ReportDef(
            "monthly-sales",
            4,
            "销售情况月统计表",
            "Monthly sales statistics",
            "month",
            SALES
            + (
                C("target_accounts", "开户目标", "int", True),
                C("target_deposit", "入金目标", "money", True),
                C("completion", "完成率", "percent"),
            ),
            queries.monthly_sales,
            {"win_rate": ("won", "won+lost"), "completion": ("deposit_amount", "target_deposit")},
        ),
        ReportDef(
            "weekly-work",
            5,
            "营销人员工作周统计表",
            "Salesperson work weekly statistics",
            "week",
            WORK,
            queries.work_stats,
            {"execution": ("items_done", "items_planned")},
        ),
        ReportDef(
            "monthly-work",
            6,
            "营销人员工作月统计表",
            "Salesperson work monthly statistics",
            "month",
            WORK,
            queries.work_stats,
            {"execution": ("items_done", "items_planned")},
        ),
        ReportDef(
            "target-clients",
            7,
            "目标客户基本信息情况统计表",
            "Target client basic information table",
            "month",
            (
                C("name", "客户姓名", user_text=True),
                C("phone", "联系电话", user_text=True),
                C("salesperson", "营销人员"),
                C("analyst", "分析师"),
                C("source", "客户来源"),
                C("experience", "投资经历", user_text=True),
                C("needs", "投资需求", user_text=True),
                C("risk", "风险偏好"),
                C("funds", "意向资金", "money", True),
                C("status", "状态"),
                C("first_visit", "首次拜访", "date"),
                C("last_visit", "最近拜访", "date"),
                C("visit_count", "拜访次数", "int", True),
                C("revisit_due", "限期回访", "date"),
                C("plan", "投资方案"),
                C("opened_on", "开户日期", "date"),
                C("deposits", "入金合计", "money", True),
                C("remarks", "备注", user_text=True),
            ),
            queries.target_clients,
        ),
    ]
}
