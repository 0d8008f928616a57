"""Links on a person's page to what higher apps keep about them (a pupil's portfolio...).

people cannot import those apps (the layers contract), so each registers its links from its
AppConfig.ready; the page shows those whose rule the viewer passes for that person.
"""

from dataclasses import dataclass

import rules
from django.urls import reverse

from people.models import Membership


@dataclass(frozen=True)
class PersonLink:
    label: str
    url_name: str  # reversed with the person's pk
    rule: str  # tested as (viewer, person)
    pupils_only: bool = False


_LINKS: list[PersonLink] = []


def person_link_register(link: PersonLink) -> None:
    _LINKS.append(link)


def person_links_for(*, viewer: Membership, person: Membership) -> list[tuple[str, str]]:
    """(label, url) of the links `viewer` may follow from `person`'s page, in registration order."""
    return [
        (link.label, reverse(link.url_name, args=[person.pk]))
        for link in _LINKS
        if (person.is_pupil or not link.pupils_only) and rules.test_rule(link.rule, viewer, person)
    ]
