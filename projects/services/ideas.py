"""Writes for co-design: ideas, their authors, comments and the shortlist."""

from decimal import Decimal

from django.db import transaction

from people.models import Membership
from people.taking_part import took_part
from projects.consent import require_taking_part
from projects.counters import count_add
from projects.errors import NotAllowed
from projects.models import Idea, IdeaComment, Project, Stage
from projects.services.safeguarding import content_screen


def _check_authors(project: Project, authors: list[Membership]) -> None:
    if not authors:
        raise NotAllowed("An idea has at least one author.")
    if any(author.school_id != project.school_id for author in authors):
        raise NotAllowed("Authors must belong to your school.")


def _check_builds_on(project: Project, idea: Idea | None, builds_on: Idea | None) -> None:
    if builds_on is None:
        return
    if builds_on.project_id != project.pk:
        raise NotAllowed("An idea can only build on another idea of the same project.")
    if idea is not None and builds_on.pk == idea.pk:
        raise NotAllowed("An idea cannot build on itself.")


@transaction.atomic
def idea_create(
    *,
    project: Project,
    created_by: Membership,
    title: str,
    description: str,
    who_it_helps: str,
    authors: list[Membership],
    cost_money: Decimal | None = None,
    cost_time: str = "",
    builds_on: Idea | None = None,
) -> Idea:
    if project.stage != Stage.CO_DESIGN:
        raise NotAllowed("Ideas are added while the project is in co-design.")
    require_taking_part(created_by, *authors)
    _check_authors(project, authors)
    _check_builds_on(project, None, builds_on)
    idea = Idea.objects.create(
        project=project,
        created_by=created_by,
        title=title.strip(),
        description=description.strip(),
        who_it_helps=who_it_helps.strip(),
        cost_money=cost_money,
        cost_time=cost_time.strip(),
        builds_on=builds_on,
    )
    idea.authors.set(authors)
    took_part(membership_ids=[author.pk for author in authors])
    content_screen(target=idea, author=created_by, text=f"{idea.title}\n{idea.description}\n{idea.who_it_helps}")
    return idea


@transaction.atomic
def idea_update(
    *,
    idea: Idea,
    title: str,
    description: str,
    who_it_helps: str,
    authors: list[Membership],
    cost_money: Decimal | None = None,
    cost_time: str = "",
    builds_on: Idea | None = None,
    actor: Membership | None = None,
) -> Idea:
    """Edit an idea; simple_history keeps each earlier version. The new words are screened as on creation:
    an edit that matches the word list holds the idea for the leads (`actor` is who wrote them)."""
    _check_authors(idea.project, authors)
    _check_builds_on(idea.project, idea, builds_on)
    idea.title = title.strip()
    idea.description = description.strip()
    idea.who_it_helps = who_it_helps.strip()
    idea.cost_money = cost_money
    idea.cost_time = cost_time.strip()
    idea.builds_on = builds_on
    # The fields edited only: a full save would write back a comment count read before a new comment.
    idea.save(
        update_fields=["title", "description", "who_it_helps", "cost_money", "cost_time", "builds_on", "updated_at"]
    )
    idea.authors.set(authors)
    content_screen(
        target=idea, author=actor or idea.created_by, text=f"{idea.title}\n{idea.description}\n{idea.who_it_helps}"
    )
    return idea


@transaction.atomic
def idea_set_shortlisted(*, idea: Idea, actor: Membership, shortlisted: bool) -> Idea:
    if idea.project.stage != Stage.CO_DESIGN:
        raise NotAllowed("The shortlist is settled in co-design.")
    if shortlisted and idea.is_hidden:
        raise NotAllowed("A hidden idea cannot be shortlisted.")
    idea.is_shortlisted = shortlisted
    idea.shortlisted_by = actor if shortlisted else None
    idea.save(update_fields=["is_shortlisted", "shortlisted_by", "updated_at"])
    return idea


@transaction.atomic
def idea_comment_add(*, idea: Idea, author: Membership, body: str, hide_author: bool = False) -> IdeaComment:
    if idea.is_hidden:
        raise NotAllowed("This idea is hidden; it cannot take comments.")
    require_taking_part(author)
    comment = IdeaComment.objects.create(
        idea=idea, author=author, body=body.strip(), hide_author=bool(hide_author and author.is_pupil)
    )
    count_add(Idea, idea.pk, comment_count=1)
    took_part(membership_ids=[author.pk])
    content_screen(target=comment, author=author, text=comment.body)
    return comment
