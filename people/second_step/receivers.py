"""allauth.mfa tells what happened to a person's authenticators only through its signals: these adapters
hand each change to the audit service (people.second_step.services), nothing more."""

from allauth.mfa import signals
from allauth.mfa.models import Authenticator

from people.second_step.services import authenticator_change_log


def _added(sender, *, user, authenticator, **kwargs) -> None:
    authenticator_change_log(user=user, authenticator=authenticator, added=True)


def _removed(sender, *, user, authenticator, **kwargs) -> None:
    authenticator_change_log(user=user, authenticator=authenticator, added=False)


signals.authenticator_added.connect(_added, sender=Authenticator, dispatch_uid="people.second_step.added")
signals.authenticator_removed.connect(_removed, sender=Authenticator, dispatch_uid="people.second_step.removed")
