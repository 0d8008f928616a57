"""Easy read: a person's own reading setting (issue 21), applied on every page by templates/base.html."""

from django.db import transaction

from people.models import User


@transaction.atomic
def user_set_easy_read(*, user: User, on: bool) -> User:
    """Switch easy read on or off for `user`, everywhere they sign in. Saying yes or no also answers the
    one-time offer, so it is not asked again. Setting what is already set changes nothing."""
    User.objects.filter(pk=user.pk).update(easy_read=on, easy_read_offer_answered=True)
    user.easy_read, user.easy_read_offer_answered = on, True
    return user
