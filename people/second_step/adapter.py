from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator


class SchoolMFAAdapter(DefaultMFAAdapter):
    """allauth.mfa in the school's words: what a wrong code says, and a passkey's suggested name."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "That code is not right. Type the code your app shows now, or one of your recovery codes.",
        "unverified_email": "Your email address is not confirmed yet. Ask the school office to check it.",
    }

    def generate_authenticator_name(self, user, type: Authenticator.Type) -> str:
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return "My passkey" if count == 0 else f"Passkey {count + 1}"
