from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from django import forms
from django.urls import reverse

from people import ratelimit, selectors
from people.services import parent_invitation_problem
from people.setup.selectors import staff_invitation_by_token
from people.setup.services import staff_invitation_problem

INVITATION_SESSION_KEY = "parent_invitation_token"
STAFF_INVITATION_SESSION_KEY = "staff_invitation_token"


# Each kind of emailed invitation: its session key, how to load it, why it cannot be used, its page.
_INVITATIONS = (
    (INVITATION_SESSION_KEY, selectors.parent_invitation_by_token, parent_invitation_problem, "people:invitation"),
    (STAFF_INVITATION_SESSION_KEY, staff_invitation_by_token, staff_invitation_problem, "people:staff_invitation"),
)


def invitation_in_session(request):
    """The still-usable invitation (a parent's or a member of staff's) this browser opened, if any,
    with the page that accepts it."""
    for session_key, load, problem, url_name in _INVITATIONS if request is not None else ():
        token = request.session.get(session_key)
        invitation = load(token=token) if token else None
        if invitation and not problem(invitation):
            return invitation, reverse(url_name, args=[token])
    return None, ""


def invitation_open_before_sign_in(request, *, session_key: str, token: str, email: str) -> bool:
    """Remember the invitation this browser opened, so allauth's sign-up opens for it with the
    address filled in (see SchoolAccountAdapter); True when an account with that address exists."""
    request.session[session_key] = token
    get_adapter(request).stash_verified_email(request, email)
    return selectors.user_with_email_exists(email=email)


class SchoolAccountAdapter(DefaultAccountAdapter):
    """Accounts are made by the school: only an invited parent or member of staff may sign up by themselves."""

    def is_open_for_signup(self, request) -> bool:
        return invitation_in_session(request)[0] is not None

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        # Allauth's forms call the adapter without the request; its context holds it.
        invitation, _ = invitation_in_session(self.request or context.request)
        if invitation and email.casefold() != invitation.email.casefold():
            raise forms.ValidationError(f"Use the address the invitation was sent to: {invitation.email}.")
        return email

    def get_signup_redirect_url(self, request) -> str:
        invitation, accept_url = invitation_in_session(request)
        if invitation:
            return accept_url
        return super().get_signup_redirect_url(request)

    def pre_authenticate(self, request, **credentials) -> None:
        """Count the attempt per (username, address) and per address; 429 past the limit.

        A successful sign-in gives its attempt back (`authenticate`), so only failures add up.
        """
        login = credentials.get("email") or credentials.get("username") or ""
        try:
            self._sign_in_hits = ratelimit.hit(request, "sign_in", account=login)
        except ratelimit.RateLimited as error:
            raise ImmediateHttpResponse(ratelimit.too_many_requests(request, error)) from None
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            self._sign_in_hits.undo()
        return user
