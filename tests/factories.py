"""Factories for people and teams; each app's tests keep their own factories beside them."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import Role, Team, User


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"营销{n}部")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"员工{n}")
    role = Role.SALESPERSON
    team = factory.SubFactory(TeamFactory)
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    password = factory.PostGenerationMethodCall("set_password", "pass-1234")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            # as the admin does (accounts.admin): a new person changes the reports' rows
            from salesops.services import data_changed

            data_changed(None)


def make_team(name: str | None = None) -> tuple[Team, User]:
    """A team with its manager (the manager belongs to the team)."""
    team = TeamFactory(**({"name": name} if name else {}))
    manager = UserFactory(role=Role.MANAGER, team=team)
    team.manager = manager
    team.save(update_fields=["manager"])
    return team, manager
