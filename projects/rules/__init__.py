"""Who may do what in projects, split by sub-domain. Predicates take (membership, obj); views check them via
people.access, templates with `{% test_rule %}`.

Objects reach these predicates already scoped to the viewer's school by the selectors, so the
rules only decide roles. Project roles come from `Project.role_of`, which reads the prefetched
project memberships (no query per check on shaped querysets). Importing this package registers
every rule (rules' autodiscovery imports `projects.rules`).
"""

from projects.rules import charter, decisions, delivery, ideas, moderation, needs, pictures, projects, stages
from projects.rules.predicates import can_view_project, is_project_member, runs_project

__all__ = [
    "can_view_project",
    "charter",
    "decisions",
    "delivery",
    "ideas",
    "is_project_member",
    "moderation",
    "needs",
    "pictures",
    "projects",
    "runs_project",
    "stages",
]
