from allauth.account.authentication import get_authentication_records
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from people.selectors import membership_active_for

ACTIVE_MEMBERSHIP_SESSION_KEY = "active_membership_id"
# Set by a badge sign-in (people.badges.session), whose limits the middleware there applies.
BADGE_SESSION_KEY = "signed_in_with_badge"


class SchoolMembershipMiddleware:
    """Puts the school and role a request acts in on `request.membership` and `request.school`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def load_membership():
            if not request.user.is_authenticated:
                return None
            return membership_active_for(
                user=request.user,
                membership_id=request.session.get(ACTIVE_MEMBERSHIP_SESSION_KEY),
            )

        request.membership = SimpleLazyObject(load_membership)
        request.school = SimpleLazyObject(lambda: request.membership.school if request.membership else None)
        return self.get_response(request)


def _signed_in_with_school_account(request) -> bool:
    return any(record.get("method") == "socialaccount" for record in get_authentication_records(request, request.user))


class ForcePasswordChangeMiddleware:
    """A one-time password only lets the holder choose their own password, nothing else. Who signed in with
    the school's account (single sign-on) did not use it, so is not held back."""

    allowed_prefixes = ("/static/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        # Neither a school account nor a badge session sets a password (people.badges.session): they are the way in.
        if (
            user.is_authenticated
            and user.must_change_password
            and not _signed_in_with_school_account(request)
            and not request.session.get(BADGE_SESSION_KEY)
        ):
            allowed = {reverse("people:first_password"), reverse("account_logout")}
            if request.path not in allowed and not request.path.startswith(self.allowed_prefixes):
                return redirect("people:first_password")
        return self.get_response(request)
