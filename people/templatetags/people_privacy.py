"""`{% parent_notice membership %}`: on a pupil's pages, who among their parents can see their activity,
and what their parents have not agreed to yet."""

from django import template

from people.consent.selectors import pupil_withheld_scopes
from people.selectors import parents_who_can_see

register = template.Library()


@register.inclusion_tag("people/_parent_notice.html")
def parent_notice(membership):
    if not (membership and membership.is_pupil):
        return {"links": [], "withheld": []}
    return {"links": list(parents_who_can_see(pupil=membership)), "withheld": pupil_withheld_scopes(membership)}
