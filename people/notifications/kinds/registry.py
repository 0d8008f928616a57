"""The notification kinds: one registry, filled by each app from its AppConfig.ready.

A kind says what happened (`event`), who hears about it (`recipients`), the words of its title
(plain words: pupils read them), where its link goes, how each role receives it by default, and
whether a person may switch it off. `Notification.kind` takes its choices from here, the
preferences page lists every kind, and the README's table is the same list.

people registers its own kinds (kinds/people.py); projects and evaluation register theirs from
`projects/notification_kinds.py` and `evaluation/notification_kinds.py`, since people may not
import them (the layers contract).
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db import models


class Channel(models.TextChoices):
    """How a kind reaches someone's mailbox by default; the inbox always has it."""

    NOW = "now", "Email now"
    DIGEST = "digest", "In the weekly digest"
    INBOX = "inbox", "Inbox only"


# What each role gets when they have an address and emails on. Pupils' emails are off until they
# switch them on (NotificationPreference.default_for, the ICO Children's code), so by default a
# pupil's notifications stay in the inbox whatever a kind says here.
DEFAULT_CHANNELS: Mapping[str, Channel] = {
    "pupil": Channel.NOW,
    "parent": Channel.NOW,
    "staff": Channel.NOW,
    "leader": Channel.NOW,
}


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    event: str
    recipients: str
    # A format string filled by `kind_title(**words)`; "{title}" for kinds whose callers write it.
    title: str = "{title}"
    # The link of a notification, from its subject (a model instance); "" when there is none.
    link: Callable[[object], str] = field(default=lambda subject: subject.get_absolute_url(), compare=False)
    channels: Mapping[str, Channel] = field(default_factory=lambda: dict(DEFAULT_CHANNELS))
    may_switch_off: bool = True
    # Emailed at once to whoever has an address, whatever their preferences (a safeguarding concern).
    always_email: bool = False
    app: str = "people"

    def channel_for(self, role: str) -> Channel:
        return self.channels.get(role, DEFAULT_CHANNELS[role])

    def title_for(self, **words) -> str:
        return self.title.format(**words)[:200]


KINDS: dict[str, Kind] = {}
# Notification.kind is a CharField of this length: a longer key would not fit.
KEY_MAX_LENGTH = 24


def register_kind(kind: Kind) -> Kind:
    if len(kind.key) > KEY_MAX_LENGTH:
        raise ValueError(f"Notification kind {kind.key!r} is longer than {KEY_MAX_LENGTH} characters.")
    if kind.key in KINDS and KINDS[kind.key] != kind:
        raise ValueError(f"Notification kind {kind.key!r} is registered twice.")
    KINDS[kind.key] = kind
    return kind


def register_kinds(kinds: Iterable[Kind]) -> None:
    for kind in kinds:
        register_kind(kind)


def kind_get(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise LookupError(f"No notification kind {key!r} is registered.") from None


def kind_choices() -> list[tuple[str, str]]:
    """The choices of `Notification.kind` (a callable, so kinds registered by later apps count)."""
    return [(kind.key, kind.label) for kind in KINDS.values()]


# Who hears about something, where the answer lives in a higher app: projects registers
# "pupil_facilitators" (the facilitators of a pupil's projects) for the consent kinds.
AUDIENCES: dict[str, Callable] = {}


def register_audience(name: str) -> Callable[[Callable], Callable]:
    def decorator(collect: Callable) -> Callable:
        AUDIENCES[name] = collect
        return collect

    return decorator


def audience(name: str, **kwargs):
    """The memberships of audience `name`, or nobody when no app provides it."""
    collect = AUDIENCES.get(name)
    return collect(**kwargs) if collect else []
