"""`{% parent_notice membership %}`: on a pupil's pages, who among their parents can see their activity."""

from django import template

from people.selectors import parents_who_can_see

register = template.Library()


@register.inclusion_tag("people/_parent_notice.html")
def parent_notice(membership):
    links = list(parents_who_can_see(pupil=membership)) if membership and membership.is_pupil else []
    return {"links": links}
