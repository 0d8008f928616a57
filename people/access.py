"""The one access check every view of every app goes through.

A request without a school membership never reaches a page; a rule that fails is a 403.
Objects of another school are never looked up at all (selectors scope by school), so they are
a 404 and nobody learns that they exist.
"""

from functools import wraps
from urllib.parse import urlencode, urlsplit

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from people.second_step.selectors import second_step_missing
from people.second_step.services import second_step_refusal_log


def require_rule(rule_name: str | None = None, *, pupil_data: bool = False):
    """View decorator: signed in, a member of a school, and (if named) passing the rule.

    `pupil_data`: the view shows a pupil's personal data, so an adult of a school that asks for a second
    sign-in step opens it only with one set up; without, they are sent to set it up (logged) and come back.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not request.membership:
                raise PermissionDenied("You are not a member of any school.")
            if rule_name and not rules.test_rule(rule_name, request.membership):
                raise PermissionDenied
            if pupil_data and second_step_missing(membership=request.membership):
                return _send_to_set_up_second_step(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _send_to_set_up_second_step(request):
    """To the "Set up a second step" page, which brings them back here (the page, for an htmx request)."""
    second_step_refusal_log(membership=request.membership, path=request.path)
    if request.headers.get("HX-Request") == "true":
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
        set_up = f"{reverse('people:second_step')}?{urlencode({'next': current.path or '/'})}"
        return HttpResponseClientRedirect(set_up)  # htmx would swap the whole page into a fragment
    # A form posted without a second step goes back to the page it was on (the set-up page checks the address).
    going_to = request.get_full_path() if request.method == "GET" else request.META.get("HTTP_REFERER", "/")
    return redirect(f"{reverse('people:second_step')}?{urlencode({'next': going_to})}")


def check_rule(rule_name: str, membership, obj=None) -> None:
    """For object-level rules inside a view, after the object was loaded within the school."""
    if not rules.test_rule(rule_name, membership, obj):
        raise PermissionDenied
