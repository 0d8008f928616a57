from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

# What a person sets up, in the words the pages and the "What happened" page use.
METHOD_NAMES = {
    Authenticator.Type.TOTP: "an authenticator app",
    Authenticator.Type.WEBAUTHN: "a passkey",
    Authenticator.Type.RECOVERY_CODES: "recovery codes",
}


def second_step_missing(*, membership) -> bool:
    """True when this adult must set up a second step before opening a pupil's personal data."""
    if not membership or not membership.is_staff_member:
        return False  # pupils and parents are never asked
    if not membership.school.adults_need_second_step:
        return False
    # Recovery codes are the way back in after losing the app or passkey, not a second step on their own.
    return not is_mfa_enabled(membership.user, types=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])
