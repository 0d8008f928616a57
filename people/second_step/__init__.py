"""A second sign-in step (allauth.mfa) before an adult opens a pupil's personal data.

Views that show a pupil's personal data say so with `require_rule(..., pupil_data=True)` (people.access);
an adult of a school that asks for it, without an authenticator app or a passkey, is sent to set one up
and comes back to where they were going. Pupils and parents are never asked.
"""
