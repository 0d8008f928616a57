"""Reads for co-identify. Hidden content is shown only to its author (with the reason) and, unless it
was hidden for safeguarding, to staff; the anonymity rule is `Authored.author_visible_to`."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from people.models import Membership
from people.selectors import display_name_fields
from projects.models import Backing, Need, NeedComment, NeedStatus

SORTS = {"backed": ["-backer_count", "-created_at"], "newest": ["-created_at"]}


def visible_content_q(viewer: Membership, *, prefix: str = "") -> Q:
    """Content the viewer may read: not hidden, or their own. Moderators use the moderation queue."""
    return Q(**{f"{prefix}hidden_at__isnull": True}) | Q(**{f"{prefix}author": viewer})


def _shaped(needs: QuerySet[Need], viewer: Membership) -> QuerySet[Need]:
    # Backers and comments are counted on the need's row (projects.counters).
    return needs.annotate(viewer_backs=Exists(Backing.objects.filter(need=OuterRef("pk"), membership=viewer)))


def needs_list(
    *, viewer: Membership, search: str = "", category: str = "", status: str = "", sort: str = "backed"
) -> QuerySet[Need]:
    needs = Need.objects.filter(visible_content_q(viewer), school=viewer.school)
    # Merged needs live on in the need they were merged into; show them only when asked for.
    needs = needs.filter(status=status) if status else needs.exclude(status=NeedStatus.MERGED)
    if category:
        needs = needs.filter(category=category)
    for word in search.split():
        needs = needs.filter(Q(title__icontains=word) | Q(problem__icontains=word) | Q(affects__icontains=word))
    # Authors and merge targets are fetched for the page's rows only: joined before the sort, they
    # made PostgreSQL hash the whole trust's memberships and needs for every page (bench, issue 9).
    # consent_withheld: the author label reads it (a parent's consent can hide the name).
    authors = Membership.objects.select_related("user").only("user", "consent_withheld", *display_name_fields("user"))
    return (
        _shaped(needs, viewer)
        .prefetch_related(Prefetch("author", queryset=authors), Prefetch("answerer", queryset=authors), "merged_into")
        .order_by(*SORTS.get(sort, SORTS["backed"]), "-pk")
    )


def needs_to_back(*, viewer: Membership, limit: int) -> list[Need]:
    """Open needs others raised that the viewer does not back yet, most backed first (the pupil home),
    with only what the back button shows: `viewer_backs` is what it reads, false for every one here."""
    needs = (
        Need.objects.filter(school=viewer.school_id, status=NeedStatus.OPEN, hidden_at__isnull=True)
        .exclude(author=viewer)
        .exclude(Exists(Backing.objects.filter(need=OuterRef("pk"), membership=viewer)))
        .only("title", "status", "author", "backer_count")
        .order_by(*SORTS["backed"], "-pk")
    )
    chosen = list(needs[:limit])
    for need in chosen:
        need.viewer_backs = False
    return chosen


def need_get(*, viewer: Membership, pk: int) -> Need:
    """One need of the viewer's school, with its visible comments. Raises Need.DoesNotExist."""
    comments = NeedComment.objects.filter(visible_content_q(viewer)).select_related("author__user")
    needs = Need.objects.filter(visible_content_q(viewer), school=viewer.school)
    return (
        _shaped(needs, viewer)
        .select_related("author__user", "merged_into", "answerer__user")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .get(pk=pk)
    )


def needs_choosable(*, school) -> QuerySet[Need]:
    """Needs a project can answer: open or already in a project, and not hidden."""
    return Need.objects.filter(
        school=school,
        hidden_at__isnull=True,
        status__in=[NeedStatus.OPEN, NeedStatus.NOT_NOW, NeedStatus.IN_PROJECT],
    ).order_by("title")


def needs_export_rows(*, needs: QuerySet[Need], viewer: Membership) -> list[dict]:
    """The needs as plain rows for CSV and JSON. Hidden authors stay hidden here too."""
    return [
        {
            "id": need.pk,
            "title": need.title,
            "category": need.get_category_display(),
            "status": need.get_status_display(),
            "what_is_wrong": need.problem,
            "who_it_affects": need.affects,
            "raised_by": need.author_label_for(viewer),
            "backers": need.backer_count,
            "decline_reason": need.decline_reason,
            "raised_at": need.created_at.isoformat(),
        }
        for need in needs
    ]
