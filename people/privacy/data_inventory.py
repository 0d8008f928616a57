"""The data inventory: every field that may hold personal data, why it is kept, on what lawful basis,
and for how long (UK GDPR Articles 5, 6, 9 and 30; the ICO Children's code).

The rule for "may hold personal data" (tests/security/test_data_rights.py walks every model and
fails on a field missing here): every concrete, non-relational field other than the primary key on
a model of `people`, `projects` or `evaluation` that stores text, a date or time, structured data,
an address or a file (`PERSONAL_FIELD_TYPES`). Links to a person (foreign keys to a membership or a
user) are covered by the model's entry: `subject` says how a row leads back to the person, which is
also what the person's data export follows (people.privacy.services.person_export).

Retention runs from the day the person leaves the school (`Membership.left_on`) unless stated:
after the school's `retention_years` the nightly purge erases the person (`person_erase`), which
keeps aggregate results and anonymises what they wrote.
"""

from dataclasses import dataclass

from django.db import models

APPS = ("people", "projects", "evaluation")
PERSONAL_FIELD_TYPES = (
    models.CharField,  # includes EmailField, SlugField, URLField
    models.TextField,
    models.DateField,  # includes DateTimeField
    models.TimeField,
    models.DurationField,
    models.JSONField,
    models.GenericIPAddressField,
    models.FileField,
)

# Lawful bases (UK GDPR Article 6(1), and Article 9(2) for special-category data).
PUBLIC_TASK = "public task (Art. 6(1)(e)): the school's duty to educate and involve pupils"
LEGAL_OBLIGATION = "legal obligation (Art. 6(1)(c)): safeguarding duties (KCSIE)"
CONSENT = "consent (Art. 6(1)(a)) of the parent or carer"
SPECIAL_CATEGORY = (
    "public task (Art. 6(1)(e)) with substantial public interest (Art. 9(2)(g)); recorded by the school "
    "before the fields are switched on"
)
SECURITY = "legitimate interests / public task: keeping accounts and the service secure"

UNTIL_ERASED = "until the person is erased: the school's retention period after they leave"
WITH_PROJECT = "as long as the project's record, anonymised when its author is erased"
SHORT = "deleted by a scheduled job within days (see the note)"

# Fields whose values are secrets, never exported even to their own subject.
SECRET_FIELDS = {
    "password",
    "token",
    "receipt",
    "ballot_salt",
    "cards",
    "claim",
    "client_secret",
    "secret_hash",
    "code_hash",
}


@dataclass(frozen=True)
class Record:
    purpose: str
    basis: str
    retention: str
    fields: tuple[str, ...]
    # Lookup from the model to people.User for the person's export; "" when rows name nobody.
    subject: str = ""
    # For files: a URL name taking the row's pk (then `link_args`), so the export links each file,
    # which its owner opens signed in.
    link: str = ""
    link_args: tuple[str, ...] = ()


# Keyed by model label; "<label>:<part>" adds a second entry for fields with another basis.
INVENTORY: dict[str, Record] = {
    # --- people ---------------------------------------------------------------------------
    "people.User": Record(
        "Sign-in and the name shown to others",
        PUBLIC_TASK,
        UNTIL_ERASED,
        ("password", "last_login", "username", "first_name", "last_name", "date_joined", "email"),
        subject="pk",
    ),
    "people.User:reading": Record(
        "The person's own reading setting (easy read) and whether they answered its one-time offer",
        PUBLIC_TASK,
        UNTIL_ERASED + "; reset at erasure",
        ("easy_read", "easy_read_offer_answered"),
        subject="pk",
    ),
    "people.School": Record(
        "The school and its privacy settings (no personal data; listed for completeness)",
        PUBLIC_TASK,
        "while the school uses the service",
        (
            "name",
            "slug",
            "created_at",
            "special_category_basis",
            "special_category_enabled_at",
            "safeguarding_words",  # a word list the leads keep, no personal data
            "consent_scopes",
        ),
    ),
    "people.Membership": Record(
        "Role, year group and form in a school: who sees and may do what",
        PUBLIC_TASK,
        UNTIL_ERASED,
        ("role", "form", "created_at", "left_on", "source_id", "consent_withheld"),
        subject="user",
    ),
    "people.Membership:special": Record(
        "SEN and pupil premium, to make sure every group of pupils is heard (off unless the school turns it on)",
        SPECIAL_CATEGORY,
        UNTIL_ERASED + "; cleared for the whole school when the school turns the setting off",
        ("sen_status", "pupil_premium"),
        subject="user",
    ),
    "people.GuardianLink": Record(
        "Which parent or carer is linked to which pupil, and their consent",
        CONSENT,
        "until either person is erased; consent history kept while the link exists",
        ("consent_status", "consent_changed_at", "created_at"),
        subject="parent__user",
    ),
    "people.GuardianConsent": Record(
        "A parent's or carer's answer for each other thing the school asks consent for",
        CONSENT,
        "until either person is erased; kept while the link exists",
        ("scope", "status", "changed_at"),
        subject="link__parent__user",
    ),
    "people.RosterSync": Record(
        "Roster feeds from the school's MIS: the export until applied, then only the counts",
        PUBLIC_TASK,
        "the uploaded export is deleted once applied; the sync record as long as the school",
        (
            "file_name",
            "data",
            "changes",
            "counts",
            "classes",
            "org_source_id",
            "source_format",
            "status",
            "created_at",
            "applied_at",
        ),
    ),
    "people.RosterImport": Record(
        "Pupil lists uploaded by staff and the login cards made from them",
        PUBLIC_TASK,
        "one-time passwords cleared after 7-14 days; the import record as long as the school",
        (
            "file_name",
            "created_at",
            "status",
            "rows",
            "confirmed_at",
            "cards",
            "cards_first_viewed_at",
            "cards_expire_at",
            "cards_cleared_at",
        ),
        subject="uploaded_by__user",
    ),
    "people.ParentInvitation": Record(
        "An emailed link for a parent to join",
        CONSENT,
        "14 days open; accepted or expired invitations deleted when the pupil is erased",
        ("email", "token", "created_at", "expires_at", "accepted_at"),
        subject="accepted_by",
    ),
    "people.StaffInvitation": Record(
        "An emailed link for a member of staff (or a new school's first leader) to make their account",
        SECURITY,
        "14 days open; deleted when the person it invited is erased",
        ("email", "first_name", "last_name", "role", "token", "created_at", "expires_at", "accepted_at"),
        subject="accepted_by",
    ),
    "people.SchoolSignIn": Record(
        "The school's single sign-on: its provider, its email domains and its app's id and secret (no personal "
        "data; the leader who last saved it is linked)",
        SECURITY,
        "while the school uses single sign-on; deleted when a leader turns it off",
        (
            "provider",
            "email_domains",
            "tenant_id",
            "issuer_url",
            "display_name",
            "client_id",
            "client_secret",
            "updated_at",
        ),
    ),
    "people.CalendarFeed": Record(
        "A person's private calendar address (only a fingerprint of its secret is kept)",
        PUBLIC_TASK,
        "until the person makes a new one or is erased",
        ("token", "created_at"),
        subject="membership__user",
    ),
    "people.Badge": Record(
        "A pupil's QR badge for signing in (only keyed hashes of its secret and code are kept)",
        SECURITY,
        "until staff stop it or the pupil is erased; stopped badges stay listed for staff until erasure",
        ("secret_hash", "code_hash", "issued_at", "revoked_at", "last_used_at"),
        subject="membership__user",
    ),
    "people.Notification": Record(
        "Inbox messages and reminders",
        PUBLIC_TASK,
        UNTIL_ERASED + "; deleted at erasure",
        ("kind", "subject", "period", "title", "body", "url", "email", "created_at", "read_at"),
        subject="recipient__user",
    ),
    "people.NotificationPreference": Record(
        "What the person wants to hear about",
        PUBLIC_TASK,
        UNTIL_ERASED + "; deleted at erasure",
        ("muted_kinds", "kind_channels"),
        subject="membership__user",
    ),
    "people.EmailDelivery": Record(
        "Emails sent and their delivery state",
        PUBLIC_TASK,
        UNTIL_ERASED + "; deleted at erasure",
        (
            "digest_period",
            "to_address",
            "subject",
            "body",
            "status",
            "claim",
            "last_error",
            "created_at",
            "sent_at",
            "failed_at",
            "send_after",
        ),
        subject="recipient__user",
    ),
    "people.OutboxMessage": Record(
        "Background tasks waiting to run (ids only)",
        PUBLIC_TASK,
        "pruned a week after hand-over (outbox drain)",
        ("task_name", "kwargs", "created_at", "dispatched_at", "last_error"),
    ),
    # --- projects -------------------------------------------------------------------------
    "projects.Charter": Record(
        "What leadership shares with the groups (no personal data besides the editor)",
        PUBLIC_TASK,
        "as long as the school",
        ("term", "may_decide", "budget_time", "budget_space", "red_lines", "accepted_risks", "updated_at"),
    ),
    "projects.HistoricalCharter": Record(
        "Every version of the charter, with who changed it",
        PUBLIC_TASK,
        "as long as the school; the editor anonymised at erasure",
        (
            "term",
            "may_decide",
            "budget_time",
            "budget_space",
            "red_lines",
            "accepted_risks",
            "history_date",
            "history_change_reason",
            "history_type",
        ),
    ),
    "projects.Decision": Record(
        "A group decision and its published result (aggregate only)",
        PUBLIC_TASK,
        WITH_PROJECT,
        (
            "title",
            "method",
            "electorate_year_groups",
            "electorate_roles",
            "opens_at",
            "closes_at",
            "status",
            "closed_at",
            "ballot_salt",
            "result",
            "adoption",
            "adoption_reason",
            "adoption_at",
            "created_at",
        ),
    ),
    "projects.Ballot": Record(
        "A secret ballot: no link to any person (kept at erasure: it is an aggregate)",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("choices", "receipt"),
    ),
    "projects.HeldBallot": Record(
        "A secret ballot waiting (a minute or so) for its batch into the count: no link to any person",
        PUBLIC_TASK,
        SHORT + ": moved into the ballots by the every-minute job, and at close",
        ("choices", "receipt"),
    ),
    "projects.VoterRecord": Record(
        "That someone voted, and the day (turnout, reminders) — never how",
        PUBLIC_TASK,
        WITH_PROJECT + "; stays for turnout counts, linked to the anonymised account",
        ("voted_on",),
        subject="membership__user",
    ),
    "projects.Session": Record(
        "Delivery sessions: when, where, notes",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("held_on", "place", "agenda", "notes", "created_at", "cancelled_at", "cancel_reason"),
        subject="created_by__user",
    ),
    "projects.Task": Record(
        "Delivery tasks and who does them",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("title", "due_on", "status", "deferred_reason", "done_on", "created_at", "updated_at"),
        subject="owners__user",
    ),
    "projects.ChecklistItem": Record(
        "Steps of a task", PUBLIC_TASK, WITH_PROJECT, ("text",), subject="task__owners__user"
    ),
    "projects.Attendance": Record(
        "Who came to a session", PUBLIC_TASK, WITH_PROJECT, ("status",), subject="membership__user"
    ),
    "projects.PeerRole": Record(
        "Buddy, mentor and ambassador roles", PUBLIC_TASK, WITH_PROJECT, ("kind", "since"), subject="holder__user"
    ),
    "projects.Goal": Record(
        "A pupil's personal goals agreed with staff, or proposed by the pupil and agreed by a facilitator",
        PUBLIC_TASK,
        UNTIL_ERASED + "; deleted with the pupil at erasure",
        ("goal", "why", "due_on", "steps", "status", "change_reason", "agreed_at", "met_on", "created_at"),
        subject="pupil__user",
    ),
    "projects.GoalNote": Record(
        "Notes on a personal goal",
        PUBLIC_TASK,
        UNTIL_ERASED + "; deleted with the goal",
        ("written_on", "body"),
        subject="author__user",
    ),
    "projects.Report": Record(
        "Reports of content, and safeguarding concerns",
        LEGAL_OBLIGATION,
        "safeguarding records follow the school's child-protection policy; the reporter is anonymised at erasure",
        ("reason", "status", "handled_at", "outcome", "created_at", "opened_at", "escalated_at"),
        subject="reporter__user",
    ),
    "projects.SafeguardingMessage": Record(
        "What a pupil tells the safeguarding leads privately, or text the word list held; read by the leads only",
        LEGAL_OBLIGATION,
        "kept with the safeguarding record under the school's child-protection policy, also after erasure",
        ("body", "created_at", "where"),
        subject="author__user",
    ),
    "projects.HistoricalIdea": Record(
        "Edit history of ideas",
        PUBLIC_TASK,
        WITH_PROJECT,
        (
            "hidden_at",
            "hidden_reason",
            "title",
            "description",
            "cost_time",
            "who_it_helps",
            "created_at",
            "history_date",
            "history_change_reason",
            "history_type",
        ),
    ),
    "projects.Picture": Record(
        "Pictures (drawings, photos of models) added to ideas and needs, checked by staff before pupils see "
        "them; the files are re-encoded without their location or camera details",
        PUBLIC_TASK,
        WITH_PROJECT + "; deleted, files and all, when the person who added them is erased or staff remove them",
        ("image", "thumbnail", "content_type", "alt_text", "status", "reviewed_at", "created_at"),
        subject="uploaded_by__user",
        link="projects:picture_file",
        link_args=("full",),
    ),
    "projects.Idea": Record(
        "Ideas proposed in co-design, with their authors",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("hidden_at", "hidden_reason", "title", "description", "cost_time", "who_it_helps", "created_at", "updated_at"),
        subject="authors__user",
    ),
    "projects.IdeaComment": Record(
        "Comments on ideas",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("hidden_at", "hidden_reason", "body", "created_at"),
        subject="author__user",
    ),
    "projects.Need": Record(
        "Needs raised in co-identify",
        PUBLIC_TASK,
        WITH_PROJECT,
        (
            "hidden_at",
            "hidden_reason",
            "title",
            "problem",
            "affects",
            "category",
            "status",
            "decline_reason",
            "not_now_reason",
            "look_again_on",
            "answer_due_on",
            "first_answer_due_on",
            "first_answered_at",
            "created_at",
            "updated_at",
        ),
        subject="author__user",
    ),
    "projects.SchoolHoliday": Record(
        "The school's holidays, so answer deadlines count school days (no personal data)",
        PUBLIC_TASK,
        "as long as the school",
        ("name", "first_day", "last_day"),
    ),
    "projects.Backing": Record(
        "Who backs a need (counts)", PUBLIC_TASK, WITH_PROJECT, ("created_at",), subject="membership__user"
    ),
    "projects.NeedComment": Record(
        "Comments on needs",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("hidden_at", "hidden_reason", "body", "created_at"),
        subject="author__user",
    ),
    "projects.Project": Record(
        "Projects (the proposer is linked)",
        PUBLIC_TASK,
        WITH_PROJECT,
        (
            "title",
            "summary",
            "what_you_get_back",
            "what_changed",
            "what_changed_at",
            "visibility",
            "stage",
            "created_at",
            "updated_at",
        ),
        subject="created_by__user",
    ),
    "projects.ProjectMembership": Record(
        "Who is in which project, in which role",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("role", "joined_at"),
        subject="membership__user",
    ),
    "projects.JoinRequest": Record(
        "Requests to join a project",
        PUBLIC_TASK,
        WITH_PROJECT + "; the message blanked at erasure",
        ("message", "status", "created_at"),
        subject="membership__user",
    ),
    "projects.StageDeadline": Record(
        "Stage deadlines (no personal data)", PUBLIC_TASK, WITH_PROJECT, ("stage", "due_on")
    ),
    "projects.StageTransition": Record(
        "Who moved a project between stages, and why",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("from_stage", "to_stage", "reason", "created_at"),
        subject="actor__user",
    ),
    "projects.StageProposal": Record(
        "Proposed stage moves",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("from_stage", "to_stage", "reason", "status", "created_at"),
        subject="proposed_by__user",
    ),
    # --- evaluation -----------------------------------------------------------------------
    "evaluation.Survey": Record(
        "Surveys built by staff",
        PUBLIC_TASK,
        "as long as the school's evaluation record",
        (
            "title",
            "intro",
            "audience",
            "opens_at",
            "closes_at",
            "status",
            "pairing",
            "template_key",
            "created_at",
            "updated_at",
            "results_updated_at",
        ),
    ),
    "evaluation.Question": Record(
        "Survey questions (no personal data)",
        PUBLIC_TASK,
        "with the survey",
        ("type", "text", "help", "choices"),
    ),
    "evaluation.Response": Record(
        "An anonymous response: no link to any person, so it cannot be exported or erased per person",
        PUBLIC_TASK,
        "with the survey (aggregate)",
        ("submitted_on",),
    ),
    "evaluation.Answer": Record(
        "Anonymous answers (written answers may mention people: staff can read them)",
        PUBLIC_TASK,
        "with the survey (aggregate)",
        ("number", "text", "picked", "held"),
        subject="response__named__membership__user",
    ),
    "evaluation.HeldResponse": Record(
        "Anonymous answers waiting for their batch into the results: no link to any person",
        PUBLIC_TASK,
        SHORT + ": moved into the results by the every-minute job, and at close",
        ("answers",),
    ),
    "evaluation.SurveyCompletion": Record(
        "That someone answered a survey, and the day (reminders, one response each)",
        PUBLIC_TASK,
        "with the survey; stays for counts, linked to the anonymised account",
        ("completed_on",),
        subject="membership__user",
    ),
    "evaluation.DraftAnswer": Record(
        "Answers saved before sending",
        PUBLIC_TASK,
        SHORT + ": deleted on sending, when the survey closes, and at erasure",
        ("value", "updated_at"),
        subject="membership__user",
    ),
    "evaluation.ReportSignOff": Record(
        "A leader's signed evaluation report",
        PUBLIC_TASK,
        "as long as the school's evaluation record",
        ("signed_at", "comment", "figures", "signed_html"),
        subject="signed_by__user",
    ),
    "evaluation.ReportExport": Record(
        "PDF reports made on request",
        PUBLIC_TASK,
        "as long as the school's evaluation record",
        ("kind", "report_key", "period_start", "period_end", "status", "error", "file", "created_at", "finished_at"),
        subject="requested_by__user",
    ),
    "evaluation.Reflection": Record(
        "A group member's reflection on the project (shown without names)",
        PUBLIC_TASK,
        WITH_PROJECT,
        ("kind", "text", "created_at", "hidden_at", "hidden_reason"),
        subject="author__user",
    ),
    "evaluation.Invitation": Record(
        "A member of staff's invitation to a pupil not yet heard, the pupil's answer, and whether they then took part",
        PUBLIC_TASK,
        UNTIL_ERASED + "; a pupil's invitations are deleted at their erasure",
        ("message", "created_at", "answer", "answered_at", "took_part_at"),
        subject="pupil__user",
    ),
}


def personal_fields(model) -> list[str]:
    """The fields of `model` that the rule above says may hold personal data."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if not field.is_relation and not field.primary_key and isinstance(field, PERSONAL_FIELD_TYPES)
    ]
