"""Writes for the people app."""

from django.contrib.auth import update_session_auth_hash
from django.db import transaction

from people.models import User


@transaction.atomic
def user_set_own_password(*, user: User, password: str, request=None) -> None:
    """The person chose their own password: the one-time password stops working."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    if request is not None:
        update_session_auth_hash(request, user)
