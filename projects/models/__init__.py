"""Models of the projects app, split by sub-domain and re-exported here (`from projects.models import Project`)."""

from projects.models.charter import Charter
from projects.models.ideas import Idea, IdeaComment
from projects.models.moderation import REPORT_TARGETS, Authored, Moderatable, Report, ReportStatus
from projects.models.needs import Backing, Need, NeedCategory, NeedComment, NeedStatus
from projects.models.project import (
    JoinRequest,
    JoinRequestStatus,
    Project,
    ProjectMembership,
    ProjectRole,
    Stage,
    StageDeadline,
    StageProposal,
    StageTransition,
    Visibility,
)

__all__ = [
    "REPORT_TARGETS",
    "Authored",
    "Backing",
    "Charter",
    "Idea",
    "IdeaComment",
    "JoinRequest",
    "JoinRequestStatus",
    "Moderatable",
    "Need",
    "NeedCategory",
    "NeedComment",
    "NeedStatus",
    "Project",
    "ProjectMembership",
    "ProjectRole",
    "Report",
    "ReportStatus",
    "Stage",
    "StageDeadline",
    "StageProposal",
    "StageTransition",
    "Visibility",
]
