"""people's notification kinds: reminders and digests whose callers write the words, and consent.

Registered from PeopleConfig.ready. Reminders of projects and evaluation use these keys too
(`NotificationKind`), since the reminder framework lives here.
"""

from django.urls import reverse

from people.models import NotificationKind
from people.notifications.kinds.registry import Channel, Kind, register_kinds

register_kinds(
    [
        Kind(
            key=NotificationKind.STAGE_DEADLINE,
            label=NotificationKind.STAGE_DEADLINE.label,
            event="a stage deadline is two days away",
            recipients="the project's members",
        ),
        Kind(
            key=NotificationKind.VOTE_CLOSING,
            label=NotificationKind.VOTE_CLOSING.label,
            event="a vote closes tomorrow",
            recipients="everyone who may vote and has not",
        ),
        Kind(
            key=NotificationKind.SURVEY_CLOSING,
            label=NotificationKind.SURVEY_CLOSING.label,
            event="a survey you can answer ends tomorrow",
            recipients="its audience who have not answered",
        ),
        Kind(
            key=NotificationKind.SESSION_TOMORROW,
            label=NotificationKind.SESSION_TOMORROW.label,
            event="you have a session the next day",
            recipients="the project's members",
        ),
        Kind(
            key=NotificationKind.TASK_OVERDUE,
            label=NotificationKind.TASK_OVERDUE.label,
            event="a task is past its due date",
            recipients="its owners and the project's facilitators",
        ),
        Kind(
            key=NotificationKind.FACILITATOR_DIGEST,
            label=NotificationKind.FACILITATOR_DIGEST.label,
            event="Monday morning",
            recipients="each project's facilitators",
            channels={"staff": Channel.DIGEST, "leader": Channel.DIGEST, "parent": Channel.DIGEST},
        ),
        Kind(
            key=NotificationKind.SCHOOL_REPORT,
            label=NotificationKind.SCHOOL_REPORT.label,
            event="a term ends and its school report is made",
            recipients="the school's leaders",
        ),
        Kind(
            key=NotificationKind.ANNOUNCEMENT,
            label=NotificationKind.ANNOUNCEMENT.label,
            event="the school or a project announces something",
            recipients="whoever it is for",
        ),
        Kind(
            key=NotificationKind.SAFEGUARDING_CONCERN,
            label=NotificationKind.SAFEGUARDING_CONCERN.label,
            event="content is reported, flagged or held as a safeguarding concern, or a pupil tells a trusted adult",
            recipients="the school's designated safeguarding leads (deputies and leaders when unopened in time)",
            may_switch_off=False,
            always_email=True,
        ),
        Kind(
            key="consent_changed",
            label="Consent given, refused or withdrawn",
            event="a parent gives, refuses or withdraws consent for their child",
            recipients="the pupil, the facilitators of their projects and the safeguarding leads",
            title="{parent} {change} consent for {pupil}: {scope}",
            link=lambda link: reverse("people:detail", args=[link.pupil_id]),
        ),
    ]
)
