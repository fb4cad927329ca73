"""Phone numbers shown masked (个人信息保护法): one rule and one formatter, used by every page and
export that shows a client's number.

The leader (主管领导) reads every team's clients but has no standing on any of them, so they see
``138****5678``; the people who work a client (its salesperson, the team's manager and analyst)
see the number in full.
"""

from __future__ import annotations

from accounts.models import Role, User

# roles that see a client's phone number masked
MASKED_ROLES = frozenset({Role.LEADER})


def masks_phones(user: User | None) -> bool:
    """Does this user see client phone numbers masked?"""
    return user is not None and not user.is_superuser and user.role in MASKED_ROLES


def mask_phone(phone: str | None) -> str:
    """``13812345678`` → ``138****5678``: the first three and the last four characters stay and
    everything between is starred; a number shorter than nine keeps only its first and last."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    head, tail = (3, 4) if len(phone) >= 9 else ((1, 1) if len(phone) > 2 else (0, 0))
    hidden = len(phone) - head - tail
    return phone[:head] + "*" * hidden + (phone[-tail:] if tail else "")


def phone_for(user: User | None, phone: str | None) -> str:
    """The phone number as this user may see it."""
    return mask_phone(phone) if masks_phones(user) else (phone or "")
