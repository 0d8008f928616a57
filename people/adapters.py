from allauth.account.adapter import DefaultAccountAdapter

INVITATION_SESSION_KEY = "parent_invitation_token"


class SchoolAccountAdapter(DefaultAccountAdapter):
    """Accounts are made by the school: only an invited parent may sign up by themselves."""

    def is_open_for_signup(self, request) -> bool:
        return bool(request.session.get(INVITATION_SESSION_KEY))
