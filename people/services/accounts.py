"""Writes about a person's own account: passwords, and switching an account off."""

from django.contrib.auth import update_session_auth_hash
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

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


@transaction.atomic
def user_deactivate(*, user: User) -> int:
    """Switch the account off and end every session it has, on every device, at once.

    Django already refuses an inactive user's session on the next request; deleting the sessions
    as well means nothing of the signed-in state stays on the server. Returns how many ended.
    """
    user.is_active = False
    user.save(update_fields=["is_active"])
    # Sessions are signed blobs with no user column: read the live ones to find this user's.
    mine = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(session_key__in=mine).delete()
    return len(mine)
