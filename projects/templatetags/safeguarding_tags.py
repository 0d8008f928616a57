"""`{% safeguarding_waiting membership as count %}`: open concerns for the leads' banner on home and dashboard."""

from django import template

from projects.selectors.safeguarding import safeguarding_waiting_count

register = template.Library()


@register.simple_tag
def safeguarding_waiting(membership) -> int:
    return safeguarding_waiting_count(lead=membership) if membership else 0
