"""The demo department's people. Idempotent: running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Role, Team, User

DEMO_PASSWORD = "salesops2026"


@dataclass(frozen=True)
class Person:
    username: str
    full_name: str
    role: str
    team: str | None
    phone: str


TEAM_1 = "营销一部"
TEAM_2 = "营销二部"

PEOPLE = [
    Person("zhangym", "张永明", Role.MANAGER, TEAM_1, "13801000001"),
    Person("wangfang", "王芳", Role.SALESPERSON, TEAM_1, "13801000011"),
    Person("liqiang", "李强", Role.SALESPERSON, TEAM_1, "13801000012"),
    Person("liuyang", "刘洋", Role.SALESPERSON, TEAM_1, "13801000013"),
    Person("chenjing", "陈静", Role.SALESPERSON, TEAM_1, "13801000014"),
    Person("zhaolei", "赵磊", Role.SALESPERSON, TEAM_1, "13801000015"),
    Person("sunli", "孙丽", Role.SALESPERSON, TEAM_1, "13801000016"),
    Person("zhoumin", "周敏", Role.ANALYST, TEAM_1, "13801000021"),
    Person("wuhao", "吴昊", Role.ANALYST, TEAM_1, "13801000022"),
    Person("zhengxin", "郑欣", Role.OFFICE, None, "13801000031"),
    Person("liuzg", "刘志刚", Role.LEADER, None, "13801000051"),
    # a second, smaller team, so that scoping and the office's all-teams view have something to show
    Person("ligd", "李国栋", Role.MANAGER, TEAM_2, "13801000002"),
    Person("huangwei", "黄伟", Role.SALESPERSON, TEAM_2, "13801000041"),
    Person("xuna", "徐娜", Role.SALESPERSON, TEAM_2, "13801000042"),
    Person("hefeng", "何峰", Role.ANALYST, TEAM_2, "13801000043"),
]


def build() -> dict[str, User]:
    teams: dict[str, Team] = {}
    for name in (TEAM_1, TEAM_2):
        teams[name], _ = Team.objects.get_or_create(name=name)
    users: dict[str, User] = {}
    for person in PEOPLE:
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "full_name": person.full_name,
                "role": person.role,
                "team": teams.get(person.team) if person.team else None,
                "phone": person.phone,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[person.username] = user
        if person.role == Role.MANAGER and person.team and teams[person.team].manager_id is None:
            teams[person.team].manager = user
            teams[person.team].save(update_fields=["manager"])
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"full_name": "系统管理员", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])
    users["admin"] = admin
    return users


def logins() -> list[tuple[str, str, str, str]]:
    """(username, name, role, team) of every demo login, in the order people should read them."""
    rows = []
    for person in PEOPLE:
        role = Role(person.role).label
        rows.append((person.username, person.full_name, str(role), person.team or "—"))
    rows.append(("admin", "系统管理员", "管理员", "—"))
    return rows
