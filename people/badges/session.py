"""A badge session: signed in by a badge, which someone else may have picked up. It may take part as
the pupil does, but not change the account's password or email, nor download the pupil's data."""

from django.contrib.auth import login
from django.shortcuts import render
from django.urls import Resolver404, resolve

from people.middleware import ACTIVE_MEMBERSHIP_SESSION_KEY, BADGE_SESSION_KEY
from people.models import Membership

# What asks for the password: account credentials, and every download of personal data.
NEEDS_PASSWORD = frozenset(
    {
        "people:first_password",
        "people:my_data",
        "account_change_password",
        "account_set_password",
        "account_email",
    }
)
# Second sign-in steps and connected accounts (allauth's mfa and socialaccount, and the school's single
# sign-on, whose `process=connect` would link an account): a badge adds none.
NEEDS_PASSWORD_PREFIXES = ("mfa_", "socialaccount_", "openid_connect_")


def badge_session_start(request, *, pupil: Membership) -> None:
    login(request, pupil.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[BADGE_SESSION_KEY] = True
    request.session[ACTIVE_MEMBERSHIP_SESSION_KEY] = pupil.pk


def signed_in_with_badge(request) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(BADGE_SESSION_KEY) and request.user.is_authenticated)


class BadgeSessionLimitsMiddleware:
    """Refuses, with a page that says what to do instead, what a badge session may not do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if signed_in_with_badge(request):
            try:
                view_name = resolve(request.path_info).view_name
            except Resolver404:
                view_name = ""
            if view_name in NEEDS_PASSWORD or view_name.startswith(NEEDS_PASSWORD_PREFIXES):
                return render(request, "people/badges/needs_password.html", status=403)
        return self.get_response(request)
