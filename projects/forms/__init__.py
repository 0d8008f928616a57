"""Forms of the projects app, split by sub-domain and re-exported here (`from projects.forms import NeedForm`).

Forms parse and validate input; services apply the rules.
"""

from projects.forms.answering import HolidayForm, NeedAnsweringForm, NotNowForm, WhatChangedForm
from projects.forms.charter import CharterForm
from projects.forms.common import CommentForm, ReasonForm
from projects.forms.dashboard import UninvolvedPupilsFilterForm
from projects.forms.decisions import AdoptionForm, ConfirmForm, DecisionExtendForm, DecisionForm
from projects.forms.delivery import (
    AttendanceForm,
    GoalChangeForm,
    GoalForm,
    GoalNoteForm,
    GoalProposalForm,
    PeerRoleForm,
    SessionForm,
    TaskForm,
    TaskStatusForm,
)
from projects.forms.ideas import IdeaForm
from projects.forms.moderation import ReportForm, SafeguardingOutcomeForm
from projects.forms.needs import NEED_SORTS, MergeForm, NeedFilterForm, NeedForm
from projects.forms.pictures import PictureForm
from projects.forms.projects import JoinRequestForm, ProjectEditForm, ProjectStartForm
from projects.forms.stages import StageBackForm

__all__ = [
    "NEED_SORTS",
    "AdoptionForm",
    "AttendanceForm",
    "CharterForm",
    "CommentForm",
    "ConfirmForm",
    "DecisionExtendForm",
    "DecisionForm",
    "GoalChangeForm",
    "GoalForm",
    "GoalNoteForm",
    "GoalProposalForm",
    "HolidayForm",
    "IdeaForm",
    "JoinRequestForm",
    "MergeForm",
    "NeedAnsweringForm",
    "NeedFilterForm",
    "NeedForm",
    "NotNowForm",
    "PeerRoleForm",
    "PictureForm",
    "ProjectEditForm",
    "ProjectStartForm",
    "ReasonForm",
    "ReportForm",
    "SafeguardingOutcomeForm",
    "SessionForm",
    "StageBackForm",
    "TaskForm",
    "TaskStatusForm",
    "UninvolvedPupilsFilterForm",
    "WhatChangedForm",
]
