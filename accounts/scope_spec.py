from dataclasses import dataclass


@dataclass(frozen=True)
class ScopeSpec:
    """Where a model's team and owning salesperson live, for ``accounts.scoping.visible_to``.

    team: lookup path to accounts.Team ("team", "client__team", or "pk" on Team itself);
    owner: lookup path to the owning salesperson; None when the rows belong to the whole team;
    pool: lookup path to when the row's client went to the team's pool (公海, clientpool/): a pooled
    client belongs to no salesperson until assigned or claimed, so its former owner no longer sees it.
    """

    team: str
    owner: str | None = None
    pool: str | None = None
