from dataclasses import dataclass


@dataclass(frozen=True)
class ScopeSpec:
    """Where a model's team and owning salesperson live, for ``accounts.scoping.visible_to``.

    team: lookup path to accounts.Team ("team", "client__team", or "pk" on Team itself);
    owner: lookup path to the owning salesperson; None when the rows belong to the whole team.
    """

    team: str
    owner: str | None = None
