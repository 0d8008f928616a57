from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from django import forms
from django.urls import reverse

from people import ratelimit, selectors
from people.services import parent_invitation_problem

INVITATION_SESSION_KEY = "parent_invitation_token"


def invitation_in_session(request):
    """The still-usable parent invitation this browser opened, if any."""
    token = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
    if not token:
        return None
    invitation = selectors.parent_invitation_by_token(token=token)
    return None if parent_invitation_problem(invitation) else invitation


class SchoolAccountAdapter(DefaultAccountAdapter):
    """Accounts are made by the school: only an invited parent may sign up by themselves."""

    def is_open_for_signup(self, request) -> bool:
        return invitation_in_session(request) is not None

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        # Allauth's forms call the adapter without the request; its context holds it.
        invitation = invitation_in_session(self.request or context.request)
        if invitation and email.casefold() != invitation.email.casefold():
            raise forms.ValidationError(f"Use the address the invitation was sent to: {invitation.email}.")
        return email

    def get_signup_redirect_url(self, request) -> str:
        invitation = invitation_in_session(request)
        if invitation:
            return reverse("people:invitation", args=[invitation.token])
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
