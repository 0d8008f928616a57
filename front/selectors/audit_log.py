"""Reads for the "What happened" page: the school's audit log, filtered, as sentences.

Three queries a page whatever its length: the count, the entries (actor and person joined), and the
titles of the projects they name. Safeguarding entries are left out of both the list and the count for
anyone who is not a designated safeguarding lead.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from audit.models import LogEntry
from audit.sentences import KIND_VERBS, kind_of, sentence_for
from people.models import ConsentStatus, Membership
from people.selectors import display_name_fields
from projects.models import Project, ProjectRole, Stage

PER_PAGE = 50


@dataclass(frozen=True)
class Happening:
    when: datetime
    kind: str
    text: str
    project_id: int | None


def audit_entries(
    *,
    viewer: Membership,
    project: Project | None = None,
    person: str = "",
    kind: str = "",
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[LogEntry]:
    entries = LogEntry.objects.filter(school_id=viewer.school_id)
    if not viewer.is_safeguarding_lead:
        # A missing key compares as NULL, and NOT NULL would drop every other entry: test for the key too.
        entries = entries.exclude(data__has_key="safeguarding", data__safeguarding=True)
    if project is not None:
        entries = entries.filter(project_id=project.pk)
    if kind:
        prefixes = KIND_VERBS.get(kind, (f"{kind}.",))
        matches = Q()
        for prefix in prefixes:
            matches |= Q(verb__startswith=prefix)
        entries = entries.filter(matches)
    if person:
        entries = entries.filter(_named(person, "actor") | _named(person, "person"))
    if start:
        entries = entries.filter(created_at__date__gte=start)
    if end:
        entries = entries.filter(created_at__date__lte=end)
    return entries.select_related("actor", "person").only(
        "created_at", "verb", "data", "project_id", *display_name_fields("actor"), *display_name_fields("person")
    )


def _named(text: str, path: str) -> Q:
    """Someone whose name or username contains every word typed (a search box, not a dropdown of everyone)."""
    match = Q()
    for word in text.split():
        match &= (
            Q(**{f"{path}__first_name__icontains": word})
            | Q(**{f"{path}__last_name__icontains": word})
            | Q(**{f"{path}__username__icontains": word})
        )
    return match


def audit_page(*, entries: QuerySet[LogEntry], number: str | None) -> tuple[Page, list[Happening]]:
    page = Paginator(entries, PER_PAGE).get_page(number)
    titles = dict(
        Project.objects.filter(pk__in={entry.project_id for entry in page if entry.project_id}).values_list(
            "pk", "title"
        )
    )
    return page, [_happening(entry, titles) for entry in page]


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _happening(entry: LogEntry, titles: dict[int, str]) -> Happening:
    data = entry.data
    values = {
        "to_stage": _label(Stage, data.get("to")),
        "to_role": _label(ProjectRole, data.get("to")).lower(),
        "status": _label(ConsentStatus, data.get("status")).lower(),
        "kind": str(data.get("kind", "")),
        "adopted": "adopted" if data.get("adopted") else "not adopted",
    }
    if entry.actor_id and entry.actor:
        values["actor"] = entry.actor.display_name
    if entry.person_id and entry.person:
        values["person"] = entry.person.display_name
    if entry.project_id in titles:
        values["project"] = titles[entry.project_id]
    return Happening(
        when=entry.created_at,
        kind=kind_of(entry.verb),
        text=sentence_for(entry.verb, values),
        project_id=entry.project_id,
    )
