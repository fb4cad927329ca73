"""The report rules for templates: ``{% if user|may_report:"acknowledge" %}``,
``{% if user|may_submit_for:team.pk %}`` — the same functions the views and services call."""

from django import template

from reports import rules

register = template.Library()


@register.filter
def may_report(user, action: str) -> bool:
    return rules.may(user, action)


@register.filter
def may_submit_for(user, team_id) -> bool:
    return rules.may_submit(user, team_id)
