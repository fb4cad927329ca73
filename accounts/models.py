from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scope_spec import ScopeSpec


class Role(models.TextChoices):
    SALESPERSON = "salesperson", _("营销人员")
    ANALYST = "analyst", _("分析师")
    MANAGER = "manager", _("营销部经理")
    OFFICE = "office", _("办公室")
    # 主管领导: the company leader in charge of the department — sees every team, decides what the
    # managers send up (proposals, escalations), changes nothing of the teams' own work
    LEADER = "leader", _("主管领导")


class Team(models.Model):
    name = models.CharField(_("名称"), max_length=100, unique=True)
    manager = models.ForeignKey(
        "accounts.User",
        verbose_name=_("经理"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_teams",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    scope = ScopeSpec(team="pk")

    class Meta:
        verbose_name = _("营销团队")
        verbose_name_plural = _("营销团队")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机"), max_length=20, blank=True)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, blank=True)
    team = models.ForeignKey(
        Team,
        verbose_name=_("团队"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["team__name", "role", "username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_salesperson(self) -> bool:
        return self.role == Role.SALESPERSON

    @property
    def is_analyst(self) -> bool:
        return self.role == Role.ANALYST

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def is_office(self) -> bool:
        return self.role == Role.OFFICE

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def setup_problem(self) -> str:
        """What keeps this account from working, in words for the user; empty when nothing does."""
        if self.is_superuser:
            return ""
        if not self.role:
            return _("您的账号尚未分配角色。")
        if self.role in (Role.SALESPERSON, Role.ANALYST, Role.MANAGER) and not self.team_id:
            return _("您的账号尚未分配到营销团队。")
        return ""
