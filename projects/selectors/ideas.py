"""Reads for co-design: a project's ideas with their authors, comments and history."""

from django.db.models import Prefetch, QuerySet

from people.models import Membership
from projects.models import Idea, IdeaComment, Project
from projects.selectors.history import versions_with_changes
from projects.selectors.needs import visible_content_q
from projects.selectors.projects import visible_idea_q


def ideas_list(*, viewer: Membership, project: Project) -> QuerySet[Idea]:
    return (
        Idea.objects.filter(visible_idea_q(viewer), project=project)
        .select_related("builds_on", "project")
        .prefetch_related("authors__user")
        .order_by("-is_shortlisted", "created_at", "pk")
    )


def idea_get(*, viewer: Membership, pk: int) -> Idea:
    """An idea of the viewer's school with its visible comments. Raises Idea.DoesNotExist."""
    comments = IdeaComment.objects.filter(visible_content_q(viewer)).select_related("author__user")
    return (
        Idea.objects.filter(visible_idea_q(viewer), project__school=viewer.school)
        .select_related("project", "builds_on", "created_by__user")
        .prefetch_related("authors__user", Prefetch("comments", queryset=comments), "project__memberships")
        .get(pk=pk)
    )


def idea_history(*, idea: Idea) -> list[dict]:
    """Each version with who saved it and what changed, newest first."""
    return versions_with_changes(idea.history.select_related("history_user").order_by("-history_date", "-history_id"))
