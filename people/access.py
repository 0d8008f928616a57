"""The one access check every view of every app goes through.

A request without a school membership never reaches a page; a rule that fails is a 403.
Objects of another school are never looked up at all (selectors scope by school), so they are
a 404 and nobody learns that they exist.
"""

from functools import wraps

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def require_rule(rule_name: str | None = None):
    """View decorator: signed in, a member of a school, and (if named) passing the rule."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not request.membership:
                raise PermissionDenied("You are not a member of any school.")
            if rule_name and not rules.test_rule(rule_name, request.membership):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def check_rule(rule_name: str, membership, obj=None) -> None:
    """For object-level rules inside a view, after the object was loaded within the school."""
    if not rules.test_rule(rule_name, membership, obj):
        raise PermissionDenied
