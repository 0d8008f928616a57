from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from people.consent.scopes import TAKING_PART
from people.notifications.kinds.registry import kind_choices


class User(AbstractUser):
    """A person. Pupils often have no email address, so email is optional but unique when set."""

    # NULL, not "", for "no email": the unique constraint must allow many pupils without one.
    email = models.EmailField("email address", blank=True, null=True)  # noqa: DJ001
    must_change_password = models.BooleanField(
        default=False,
        help_text="Set for one-time passwords handed out by staff: the next sign-in must pick a new one.",
    )
    # Easy read (issue 21): larger text, more spacing, a plain font, one thing per screen. On the user, not
    # the membership, so it follows the person to every device and every school they are in.
    easy_read = models.BooleanField(
        default=False,
        help_text="Larger text, more space between lines and letters, a plain font and one thing per screen.",
    )
    # Pupils are offered easy read once, at their first sign-in; either answer ends the offer.
    easy_read_offer_answered = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(email__isnull=False),
                name="user_email_unique_ci",
            ),
        ]

    def save(self, *args, **kwargs):
        # An empty string would collide in the unique constraint; "no email" is NULL.
        if not self.email:
            self.email = None
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


def default_consent_scopes() -> list[str]:
    return [TAKING_PART]


class School(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # How long a person's data is kept after they leave (people.privacy.services.privacy_purge).
    retention_years = models.PositiveSmallIntegerField(
        default=1, help_text="Years after someone leaves the school before their account is erased."
    )
    # Special-category data (SEN, pupil premium) is off until a leader records the lawful basis.
    special_category_enabled = models.BooleanField("record SEN and pupil premium", default=False)
    special_category_basis = models.TextField(
        "lawful basis for SEN and pupil premium", blank=True, help_text="The Article 6 and Article 9 basis relied on."
    )
    special_category_enabled_at = models.DateTimeField(null=True, blank=True)
    # Keys of people.consent.scopes the school asks parents to agree to (people.consent.services).
    consent_scopes = models.JSONField("what needs a parent's consent", default=default_consent_scopes)
    # Kept by the safeguarding leads (people.safeguarding): public text matching one is held for a check.
    # Blank means the shipped default list.
    safeguarding_words = models.TextField(
        "words and phrases that hold a post for a check", blank=True, help_text="One word or phrase a line."
    )
    safeguarding_escalate_after = models.PositiveIntegerField(
        "minutes of school hours before an unopened concern goes to the deputies and the head",
        default=120,
        validators=[MinValueValidator(5)],
    )
    # Staff, leaders and safeguarding leads open a pupil's personal data only with a second sign-in step
    # (people.second_step); a leader may switch it off, audited.
    adults_need_second_step = models.BooleanField(
        "adults need a second sign-in step to open pupils' data",
        default=True,
        help_text="An authenticator app's code or a passkey as well as a password. Pupils and parents: never.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(special_category_enabled=False)
                | (~Q(special_category_basis="") & Q(special_category_enabled_at__isnull=False)),
                name="school_special_category_has_basis",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PUPIL = "pupil", "Pupil"
    STAFF = "staff", "Staff"
    PARENT = "parent", "Parent"
    LEADER = "leader", "Leader"


class SenStatus(models.TextChoices):
    NONE = "", "Not recorded"
    SUPPORT = "sen_support", "SEN support"
    EHCP = "ehcp", "Education, health and care plan"


YEAR_GROUPS = range(1, 14)  # Year 1 to Year 13 (England and Wales numbering).


class Membership(models.Model):
    """What a user is in a school. A user may hold each role in one school only."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    year_group = models.PositiveSmallIntegerField(null=True, blank=True)
    form = models.CharField("form / class", max_length=20, blank=True)
    is_safeguarding_lead = models.BooleanField(
        default=False, help_text="Designated safeguarding lead: receives safeguarding concerns."
    )
    is_deputy_safeguarding_lead = models.BooleanField(
        default=False, help_text="Deputy safeguarding lead: receives concerns no lead has opened in time."
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A pupil's consent scopes that some linked parent has not agreed to. Kept by
    # people.consent.services.pupil_consent_refresh so every check (rules, author labels, registers)
    # reads it from the row already loaded, without a query per pupil.
    consent_withheld = models.JSONField(default=list, blank=True)
    # The day the person left; the retention period runs from here (people.privacy.services).
    left_on = models.DateField(null=True, blank=True)
    # Special-category data: stored only when the school has recorded a basis (School above).
    sen_status = models.CharField("SEN", max_length=12, choices=SenStatus.choices, blank=True)
    pupil_premium = models.BooleanField(null=True, blank=True)
    # The MIS's id for the person (OneRoster/SDS sourcedId): what roster sync upserts on.
    source_id = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["school", "role", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="membership_one_school_per_role"),
            models.UniqueConstraint(
                fields=["school", "source_id"], condition=~Q(source_id=""), name="membership_source_id_unique"
            ),
            models.CheckConstraint(
                # NULL would pass a bare range check, so say outright that pupils have a year group.
                condition=Q(role=Role.PUPIL, year_group__isnull=False, year_group__gte=1, year_group__lte=13)
                | (~Q(role=Role.PUPIL) & Q(year_group__isnull=True)),
                name="membership_year_group_only_for_pupils",
            ),
            models.CheckConstraint(
                condition=Q(is_safeguarding_lead=False) | Q(role__in=[Role.STAFF, Role.LEADER]),
                name="membership_safeguarding_lead_is_staff",
            ),
            models.CheckConstraint(
                condition=Q(is_deputy_safeguarding_lead=False) | Q(role__in=[Role.STAFF, Role.LEADER]),
                name="membership_deputy_safeguarding_lead_is_staff",
            ),
            models.CheckConstraint(
                condition=Q(role=Role.PUPIL) | Q(sen_status="", pupil_premium__isnull=True),
                name="membership_special_category_only_pupils",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(is_active=False), name="membership_left_is_inactive"
            ),
        ]
        indexes = [models.Index(fields=["school", "role", "year_group"])]

    def __str__(self) -> str:
        return f"{self.user.display_name} ({self.get_role_display()}, {self.school})"

    @property
    def is_pupil(self) -> bool:
        return self.role == Role.PUPIL

    @property
    def is_staff_member(self) -> bool:
        """Staff and leaders both work for the school and see what staff see."""
        return self.role in (Role.STAFF, Role.LEADER)

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def is_parent(self) -> bool:
        return self.role == Role.PARENT


class ConsentStatus(models.TextChoices):
    PENDING = "pending", "Not yet given"
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class GuardianLink(models.Model):
    """A parent or carer linked to a pupil, with their consent to the pupil taking part.

    `consent_status` is the answer for the "taking part" scope; other scopes are `GuardianConsent` rows.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="guardian_links")
    parent = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="children_links")
    pupil = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="guardian_links")
    consent_status = models.CharField(max_length=10, choices=ConsentStatus.choices, default=ConsentStatus.PENDING)
    consent_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parent", "pupil"], name="guardian_link_unique"),
            models.CheckConstraint(
                condition=Q(consent_status=ConsentStatus.PENDING) | Q(consent_changed_at__isnull=False),
                name="guardian_link_consent_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.user.display_name} → {self.pupil.user.display_name}"


class GuardianConsent(models.Model):
    """A parent's answer for one consent scope other than taking part (which stays on the link)."""

    link = models.ForeignKey(GuardianLink, on_delete=models.CASCADE, related_name="consents")
    # A key of people.consent.scopes (no DB choices: adding a scope needs no migration).
    scope = models.CharField(max_length=30)
    status = models.CharField(max_length=10, choices=ConsentStatus.choices, default=ConsentStatus.PENDING)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "scope"], name="guardian_consent_unique")]

    def __str__(self) -> str:
        return f"{self.link}: {self.scope} {self.status}"


class RosterImportStatus(models.TextChoices):
    PREVIEW = "preview", "Preview"
    CONFIRMED = "confirmed", "Confirmed"


class RosterImport(models.Model):
    """One uploaded pupil list: validated rows wait here as a preview until staff confirm them.

    After confirmation `cards` holds the one-time passwords for printing login cards. They are
    secrets, so they are cleared (`cards_cleared_at`) once `cards_expire_at` passes.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="roster_imports")
    uploaded_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="roster_imports_uploaded"
    )
    file_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=RosterImportStatus.choices, default=RosterImportStatus.PREVIEW)
    rows = models.JSONField(default=list, help_text="The validated rows of the file, as shown in the preview.")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    cards = models.JSONField(null=True, blank=True, help_text="Login cards with one-time passwords, until cleared.")
    cards_first_viewed_at = models.DateTimeField(null=True, blank=True)
    cards_expire_at = models.DateTimeField(null=True, blank=True)
    cards_cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=RosterImportStatus.PREVIEW) & Q(confirmed_at__isnull=True))
                | (Q(status=RosterImportStatus.CONFIRMED) & Q(confirmed_at__isnull=False)),
                name="roster_import_confirmed_dated",
            ),
            models.CheckConstraint(
                # Passwords exist only for a confirmed import, and always with a date to clear them.
                condition=Q(cards__isnull=True)
                | (Q(status=RosterImportStatus.CONFIRMED) & Q(cards_expire_at__isnull=False)),
                name="roster_import_cards_only_when_confirmed",
            ),
            models.CheckConstraint(
                condition=Q(cards_cleared_at__isnull=True) | Q(cards__isnull=True),
                name="roster_import_cleared_cards_are_gone",
            ),
        ]
        indexes = [
            models.Index(fields=["cards_expire_at"], condition=Q(cards__isnull=False), name="roster_cards_to_clear")
        ]

    def __str__(self) -> str:
        return f"Roster import {self.pk} ({self.school}, {self.get_status_display()})"


class RosterSyncStatus(models.TextChoices):
    PREVIEW = "preview", "Preview"
    APPLIED = "applied", "Applied"


class RosterSync(models.Model):
    """One roster feed from the school's MIS (people.roster_sync): checked into a preview of what
    would change, then applied at once. The uploaded file is kept only until it is applied."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="roster_syncs")
    uploaded_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, related_name="+")
    source_format = models.CharField(max_length=20)  # a key of people.roster_sync.feed.FORMATS
    file_name = models.CharField(max_length=255, blank=True)
    data = models.BinaryField(blank=True)
    status = models.CharField(max_length=10, choices=RosterSyncStatus.choices, default=RosterSyncStatus.PREVIEW)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, help_text="new, changed, leaving, unchanged, ignored")
    changes = models.JSONField(default=list, help_text="The people the preview says will join, change or leave.")
    # What a later delta may refer to without repeating it: the school's org and its classes.
    org_source_id = models.CharField(max_length=255, blank=True)
    classes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=RosterSyncStatus.PREVIEW, applied_at__isnull=True)
                | Q(status=RosterSyncStatus.APPLIED, applied_at__isnull=False),
                name="roster_sync_applied_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"Roster sync {self.pk} ({self.school}, {self.get_status_display()})"


class ParentInvitation(models.Model):
    """An emailed link that lets a parent sign up (or sign in) and be linked to their child."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="parent_invitations")
    pupil = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="parent_invitations")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="parent_invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="parent_invitations_accepted"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Inviting the same parent for the same child again renews the open invitation.
            models.UniqueConstraint(
                "pupil",
                Lower("email"),
                condition=Q(accepted_at__isnull=True),
                name="parent_invitation_one_open_per_pupil_email",
            ),
            models.CheckConstraint(
                condition=Q(accepted_by__isnull=True) | Q(accepted_at__isnull=False),
                name="parent_invitation_accepted_dated",
            ),
            models.CheckConstraint(condition=~Q(token=""), name="parent_invitation_token_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email} ({self.pupil.user.display_name})"


class StaffInvitation(models.Model):
    """An emailed link that lets a member of staff (or a school's first leader) make their account.

    The operator invites a new school's first leader (people.setup.services.school_create); leaders
    invite the rest of their staff from the setup checklist."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="staff_invitations")
    email = models.EmailField()
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    role = models.CharField(max_length=10, choices=[(Role.STAFF, Role.STAFF.label), (Role.LEADER, Role.LEADER.label)])
    token = models.CharField(max_length=64, unique=True, editable=False)
    # Empty for the first leader, whom the operator invites from outside the school.
    invited_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff_invitations_sent"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff_invitations_accepted"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Inviting the same address to the same school again renews the open invitation.
            models.UniqueConstraint(
                "school", Lower("email"), condition=Q(accepted_at__isnull=True), name="staff_invitation_one_open"
            ),
            models.CheckConstraint(condition=Q(role__in=[Role.STAFF, Role.LEADER]), name="staff_invitation_role"),
            models.CheckConstraint(condition=~Q(token=""), name="staff_invitation_token_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Staff invitation for {self.email} ({self.school})"


# --- Notifications (people.notifications): inbox, email deliveries, preferences, outbox ---------


class NotificationKind(models.TextChoices):
    STAGE_DEADLINE = "stage_deadline", "Stage deadline coming up"
    VOTE_CLOSING = "vote_closing", "Vote closing soon"
    SURVEY_CLOSING = "survey_closing", "Survey closing soon"
    SESSION_TOMORROW = "session_tomorrow", "Session tomorrow"
    TASK_OVERDUE = "task_overdue", "Task overdue"
    FACILITATOR_DIGEST = "facilitator_digest", "Weekly facilitator digest"
    SCHOOL_REPORT = "school_report", "Termly school report"
    ANNOUNCEMENT = "announcement", "Announcement"
    SAFEGUARDING_CONCERN = "safeguarding_concern", "A safeguarding concern needs you"


class EmailChannel(models.TextChoices):
    """How a notification reaches the recipient's mailbox, decided once when it is created."""

    NONE = "none", "In-app only"
    IMMEDIATE = "immediate", "Email now"
    DIGEST = "digest", "In the weekly digest"


class Notification(models.Model):
    """One message in one person's inbox. (kind, subject, recipient, period) is the exactly-once key:
    a retried task or a second worker inserting the same notification is a no-op."""

    recipient = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=24, choices=kind_choices)
    # "<app_label>.<model>:<pk>" for an object (see notifications.services.subject_key) or a plain key.
    subject = models.CharField(max_length=100)
    # The occurrence: "2026-11-25" for a deadline day, "2026-W48" for a week; "" for a one-off.
    period = models.CharField(max_length=20, blank=True)
    # Set on a parent's copy: the child the notification is about.
    about = models.ForeignKey(Membership, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    email = models.CharField(max_length=10, choices=EmailChannel.choices, default=EmailChannel.NONE)
    digest = models.ForeignKey(
        "people.EmailDelivery", on_delete=models.SET_NULL, null=True, blank=True, related_name="digest_items"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject", "recipient", "period"], name="notification_once"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            models.Index(
                fields=["recipient"],
                condition=Q(email=EmailChannel.DIGEST, digest__isnull=True),
                name="notification_digest_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.recipient}"


class NotificationPreference(models.Model):
    """What a person wants to hear about and how. No row means the defaults below."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="notification_preference")
    muted_kinds = models.JSONField(default=list, blank=True, help_text="Kinds of notification not wanted at all.")
    # kind → "now", "digest" or "inbox" (notifications.kinds.Channel); a kind not here takes its
    # default for the person's role.
    kind_channels = models.JSONField(default=dict, blank=True, help_text="How each kind is emailed, if chosen.")
    email_enabled = models.BooleanField("send me emails", default=True)
    weekly_digest = models.BooleanField("one weekly email instead of one email each", default=False)
    child_copies = models.BooleanField("copies of what concerns my child", default=False)

    def __str__(self) -> str:
        return f"Notification preferences of {self.membership}"

    @classmethod
    def default_for(cls, membership: "Membership") -> "NotificationPreference":
        """The choices of someone who never made any: for a pupil the most private (inbox only, no
        emails), as the ICO Children's code asks; they can switch emails on in one click."""
        return cls(membership=membership, email_enabled=not membership.is_pupil)


class EmailStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class EmailDelivery(models.Model):
    """One email: a single notification, or a weekly digest bundling several (`digest_items`)."""

    recipient = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="email_deliveries")
    notification = models.OneToOneField(
        Notification, on_delete=models.CASCADE, null=True, blank=True, related_name="delivery"
    )
    digest_period = models.CharField(max_length=20, blank=True, help_text="The ISO week of a digest, e.g. 2026-W48.")
    to_address = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    # The task that claimed the row (pending → sending), so overlapping batches never send twice.
    claim = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    # Held until then (a pupil's email in the quiet hours); emails_release_held queues it.
    send_after = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "digest_period"], condition=~Q(digest_period=""), name="email_digest_once"
            ),
            models.CheckConstraint(
                condition=Q(notification__isnull=True, digest_period__gt="")
                | Q(notification__isnull=False, digest_period=""),
                name="email_single_or_digest",
            ),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENT) | Q(sent_at__isnull=False), name="email_sent_dated"
            ),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.FAILED) | Q(failed_at__isnull=False), name="email_failed_dated"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "status"]), models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"Email to {self.to_address}: {self.subject} ({self.get_status_display()})"


class OutboxMessage(models.Model):
    """A task to queue, written in the same transaction as the change that calls for it.

    It is handed to the broker after the commit; if the broker is down it stays here (dispatched_at
    empty) and the periodic drain queues it later, so no work is lost when Redis is away.
    """

    task_name = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["created_at"], condition=Q(dispatched_at__isnull=True), name="outbox_pending")]

    def __str__(self) -> str:
        return f"{self.task_name}({self.kwargs}) {'dispatched' if self.dispatched_at else 'pending'}"


class CalendarFeed(models.Model):
    """A person's private calendar address (people.calendar): a secret in the URL, no sign-in.

    Only the SHA-256 fingerprint of the secret is kept, like a password: whoever reads the database
    cannot subscribe to anyone's calendar. Making a new address replaces the fingerprint, so the old
    address answers 404 at once.
    """

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.membership}"


class SignInProvider(models.TextChoices):
    """Whose accounts a school's people sign in with (people.single_sign_on). Each is OpenID Connect."""

    GOOGLE = "google", "Google Workspace"
    MICROSOFT = "microsoft", "Microsoft Entra ID (Office 365)"
    OIDC = "oidc", "Another OpenID Connect provider"


class SchoolSignIn(models.Model):
    """A school's single sign-on: its provider, its app's client id and secret, and which accounts are its own.

    Only accounts on `email_domains` (and, for Microsoft, in `tenant_id`) that match an active membership
    of the school sign in (people.single_sign_on.services); nobody is ever made an account this way.
    """

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="sign_in")
    provider = models.CharField(max_length=12, choices=SignInProvider.choices)
    # Lower-case domains without "@", e.g. ["hillside.sch.uk"].
    email_domains = models.JSONField(default=list)
    tenant_id = models.CharField("Microsoft tenant id", max_length=36, blank=True)
    issuer_url = models.URLField("issuer URL", max_length=500, blank=True)
    display_name = models.CharField("name on the button", max_length=60, blank=True)
    client_id = models.CharField("client id", max_length=255)
    client_secret = models.CharField("client secret", max_length=500)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(provider="microsoft") | ~Q(tenant_id=""), name="school_sign_in_microsoft_has_tenant"
            ),
            models.CheckConstraint(
                condition=~Q(provider="oidc") | ~Q(issuer_url=""), name="school_sign_in_oidc_has_issuer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()} sign-in of {self.school}"


# Models of people's sub-packages, imported here so Django finds them with the app.
from people.badges.models import Badge  # noqa: E402, F401
