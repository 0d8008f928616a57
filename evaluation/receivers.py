"""Cache invalidation: a saved, deleted or re-linked row that a school-wide cached read uses (the school
report, the facilitator dashboard's lists, the project page and report) gives its school a new data version
(`coproschool.freshness`). Connected by `EvaluationConfig.ready`.

Writes that send no signal (`update()`, `bulk_create`) are covered by the services that make them.
"""

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from coproschool.freshness import school_data_changed
from evaluation.models import Reflection, Response, Survey, SurveyCompletion
from people.models import Membership
from projects.models import (
    Attendance,
    Backing,
    Charter,
    Decision,
    Idea,
    IdeaComment,
    Need,
    NeedComment,
    Project,
    ProjectMembership,
    Session,
    StageDeadline,
    StageProposal,
    StageTransition,
    Task,
    VoterRecord,
)

# Every model the cached reads use, and the path from one of its rows to the school
# (tests/evaluation/test_receivers.py checks the reads' SQL names no other table).
SCHOOL_PATHS: dict[type[Model], str] = {
    Membership: "school",
    Need: "school",
    Backing: "need__school",
    NeedComment: "need__school",
    Idea: "project__school",
    IdeaComment: "idea__project__school",
    Decision: "project__school",
    VoterRecord: "decision__project__school",
    Task: "project__school",
    Session: "project__school",
    Attendance: "session__project__school",
    Project: "school",
    ProjectMembership: "project__school",
    StageProposal: "project__school",
    StageDeadline: "project__school",
    Charter: "school",
    StageTransition: "project__school",
    Survey: "school",
    SurveyCompletion: "survey__school",
    Response: "survey__school",
    Reflection: "project__school",
}

# Links the cached reads use too (who authored an idea, who owns a task, which needs a project
# answers, which ideas a decision offers). Their signal's `instance` is the row on either side:
# each side is in SCHOOL_PATHS.
LINKS = (Idea.authors.through, Task.owners.through, Project.needs.through, Decision.options.through)


def school_id_of(instance: Model) -> int | None:
    """The school of a row: through related objects already loaded, then (if one is not) a single
    lookup on that parent by its id. None when the parent is gone: a cascade deletes it in the same
    transaction, and its own delete gives the school a new version."""
    row = instance
    hops = SCHOOL_PATHS[type(instance)].split("__")
    for index, hop in enumerate(hops[:-1]):
        field = row._meta.get_field(hop)
        if not field.is_cached(row):
            rest = "__".join(hops[index + 1 :])
            parent = field.related_model.objects.filter(pk=getattr(row, field.attname))
            return parent.values_list(rest, flat=True).first()
        row = getattr(row, hop)
    return row.school_id


def _row_changed(sender, instance: Model, **kwargs) -> None:
    school_id = school_id_of(instance)
    if school_id is not None:
        school_data_changed(school_id)


def _link_changed(sender, instance: Model, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        _row_changed(sender, instance)


for model in SCHOOL_PATHS:
    post_save.connect(_row_changed, sender=model, dispatch_uid=f"school-data-saved:{model._meta.label}")
    post_delete.connect(_row_changed, sender=model, dispatch_uid=f"school-data-deleted:{model._meta.label}")
for through in LINKS:
    m2m_changed.connect(_link_changed, sender=through, dispatch_uid=f"school-data-linked:{through._meta.label}")
