from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django import forms
from django.urls import reverse

from people import selectors
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
