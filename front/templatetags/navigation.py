"""`{% nav_links membership %}`: the main navigation (front/nav_links.html) for a member, with the current page marked.

Every page shows the navigation, and evaluating its rules and reversing its URLs cost a quarter of the benchmark
floor's whole page (issue 9). The links' rules read only the member's role and whether they are the
safeguarding lead, so the HTML is rendered once per such pair (and script prefix) and kept for the life
of the process. A link guarded by a rule that reads anything else must add that to the key.

Which link is current depends on the request, so the key also holds the request's view name and section (the
first part of its route): both come from the URL configuration, never from what a visitor typed, so the kept
copies stay a few hundred at most. A link is the page (`aria-current="page"`) when its view is the request's,
and marks the section (`aria-current="true"`, as GOV.UK's service navigation does) when its address starts
the request's route, e.g. "Needs" on a need's page.
"""

from functools import cache

from django import template
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse

from people.models import Membership

register = template.Library()


def _here(request: HttpRequest | None) -> tuple[str, str]:
    """The request's view name and section ("needs" for needs/<int:pk>/), or empty strings (404s, no request)."""
    match = getattr(request, "resolver_match", None)
    if not match:
        return "", ""
    return match.view_name, match.route.split("/", 1)[0]


@register.simple_tag(takes_context=True)
def nav_links(context: template.Context, membership: Membership | None) -> str:
    view_name, section = _here(context.get("request"))
    if not membership:
        return _rendered(None, False, get_script_prefix(), view_name, section)
    return _rendered(membership.role, membership.is_safeguarding_lead, get_script_prefix(), view_name, section)


@cache
def _rendered(role: str | None, is_safeguarding_lead: bool, script_prefix: str, view_name: str, section: str) -> str:
    member = Membership(role=role, is_safeguarding_lead=is_safeguarding_lead) if role else None
    here = {"view_name": view_name, "section": section, "script_prefix": script_prefix}
    return render_to_string("front/nav_links.html", {"membership": member, "here": here})


@register.inclusion_tag("front/nav_link.html", takes_context=True)
def nav_link(context: template.Context, url_name: str, label: str) -> dict:
    """One link of the navigation, marked as the current page or section from `here`."""
    here = context.get("here") or {}
    href = reverse(url_name)
    section = href.removeprefix(here.get("script_prefix", "/")).split("/", 1)[0]
    if url_name == here.get("view_name"):
        current = "page"
    elif section and section == here.get("section"):
        current = "true"
    else:
        current = ""
    return {"href": href, "label": label, "current": current}
