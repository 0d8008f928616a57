"""Writes about a person's own account: passwords."""

from django.contrib.auth import update_session_auth_hash
from django.db import transaction

from people.models import Membership, User
from people.services.credentials import one_time_password_generate, one_time_password_hash


class PasswordResetNotAllowed(Exception):
    pass


@transaction.atomic
def user_set_own_password(*, user: User, password: str, request=None) -> None:
    """The person chose their own password: the one-time password stops working."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    if request is not None:
        update_session_auth_hash(request, user)


@transaction.atomic
def pupil_password_reset(*, pupil: Membership, actor: Membership) -> str:
    """Staff hand a pupil a new one-time password; returns it, once, for the login card."""
    if not pupil.is_pupil or pupil.school_id != actor.school_id or not actor.is_staff_member:
        # Adults have an email address and reset their own password through it.
        raise PasswordResetNotAllowed("Only staff of the pupil's school can give a pupil a new login card.")
    password = one_time_password_generate()
    user = pupil.user
    user.password = one_time_password_hash(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    return password
