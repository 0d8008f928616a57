"""`{% nav_links membership %}`: the main navigation (front/nav_links.html) for a member.

Every page shows the navigation, and evaluating its rules and reversing its URLs cost a quarter of the benchmark
floor's whole page (issue 9). The links' rules read only the member's role and whether they are the
safeguarding lead, so the HTML is rendered once per such pair (and script prefix) and kept for the life
of the process. A link guarded by a rule that reads anything else must add that to the key.
"""

from functools import cache

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix

from people.models import Membership

register = template.Library()


@register.simple_tag
def nav_links(membership: Membership | None) -> str:
    if not membership:
        return _rendered(None, False, get_script_prefix())
    return _rendered(membership.role, membership.is_safeguarding_lead, get_script_prefix())


@cache
def _rendered(role: str | None, is_safeguarding_lead: bool, script_prefix: str) -> str:
    member = Membership(role=role, is_safeguarding_lead=is_safeguarding_lead) if role else None
    return render_to_string("front/nav_links.html", {"membership": member})
