"""The school report's data stamp: one query that changes whenever the data the report counts changes.

For every table the report reads, the stamp takes the school's row count and its latest change (the
newest id, or `updated_at`/`adoption_at` where rows are edited in place). Adding, removing or editing
such a row gives a new stamp, so a cached report keyed by it is never served stale. Edits the stamp
cannot see (an attendance mark changed in place, a pupil moved to another form) are bounded by the
cache's lifetime (`school.CACHE_SECONDS`).
"""

import hashlib

from django.db.models import F, IntegerField, Subquery
from django.db.models.expressions import Func

from evaluation.models import Response, Survey, SurveyCompletion
from people.models import Membership, School
from projects.models import (
    Attendance,
    Backing,
    Decision,
    Idea,
    IdeaComment,
    Need,
    NeedComment,
    Project,
    Session,
    StageTransition,
    Task,
    VoterRecord,
)


def _aggregate(queryset, function: str, field: str = "pk") -> Subquery:
    """COUNT or MAX over a queryset as a scalar subquery. A bare SQL function (not Django's
    aggregate) so that no GROUP BY is added: the subquery yields one row."""
    meta = queryset.model._meta
    output = IntegerField() if function == "COUNT" else meta.pk if field == "pk" else meta.get_field(field)
    return Subquery(queryset.order_by().values(value=Func(F(field), function=function, output_field=output))[:1])


def data_stamp(school: School) -> str:
    """One query: the row count and latest change of every table the report reads, for this school."""
    in_school = {
        "members": Membership.objects.filter(school=school),
        "needs": Need.objects.filter(school=school),
        "backings": Backing.objects.filter(need__school=school),
        "need_comments": NeedComment.objects.filter(need__school=school),
        "ideas": Idea.objects.filter(project__school=school),
        "idea_authors": Idea.authors.through.objects.filter(idea__project__school=school),
        "idea_comments": IdeaComment.objects.filter(idea__project__school=school),
        "decisions": Decision.objects.filter(project__school=school),
        "voters": VoterRecord.objects.filter(decision__project__school=school),
        "tasks": Task.objects.filter(project__school=school),
        "task_owners": Task.owners.through.objects.filter(task__project__school=school),
        "sessions": Session.objects.filter(project__school=school),
        "attendance": Attendance.objects.filter(session__project__school=school),
        "projects": Project.objects.filter(school=school),
        "moves": StageTransition.objects.filter(project__school=school),
        "surveys": Survey.objects.filter(school=school),
        "completions": SurveyCompletion.objects.filter(survey__school=school),
        "responses": Response.objects.filter(survey__school=school),
    }
    # Columns that change when a row is edited in place (adoption, moderation, task status, ...).
    latest = {
        "members": "created_at",
        "needs": "updated_at",
        "ideas": "updated_at",
        "decisions": "adoption_at",
        "tasks": "updated_at",
        "projects": "updated_at",
        "surveys": "updated_at",
    }
    columns = {}
    for name, queryset in in_school.items():
        columns[f"{name}_count"] = _aggregate(queryset, "COUNT")
        if name not in ("responses", "voters"):  # random UUID keys: the count says it all
            columns[f"{name}_max"] = _aggregate(queryset, "MAX", latest.get(name, "pk"))
    values = School.objects.filter(pk=school.pk).annotate(**columns).values_list(*columns).first()
    return hashlib.sha256(repr(values).encode()).hexdigest()[:16]
