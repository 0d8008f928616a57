"""One school with one of everything, for the security tests: every role and one object of each kind
that a URL can point at, each in the relationship the access rules care about.

The pupil leads the project (so owns the task, the goal and the notification), the member of staff
facilitates it, the parent is linked to the pupil with consent given, `dsl` is the designated
safeguarding lead. A second school built the same way gives "another school's object" ids.
"""

import io
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from evaluation.models import Invitation, Reflection, ReportExport
from people import services as people_services
from people.calendar.services import calendar_feed_renew
from people.models import (
    ConsentStatus,
    EmailStatus,
    ParentInvitation,
    RosterSync,
    SchoolSignIn,
    SignInProvider,
    StaffInvitation,
)
from projects.models import ChecklistItem, JoinRequest, PeerRole, ProjectRole, SchoolHoliday, Stage
from projects.services import moderation, pictures, stages
from projects.services.charter import charter_save
from tests.factories import (
    DecisionFactory,
    EmailDeliveryFactory,
    GoalFactory,
    GuardianLinkFactory,
    IdeaCommentFactory,
    IdeaFactory,
    LeaderFactory,
    NeedCommentFactory,
    NeedFactory,
    NotificationFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    SchoolFactory,
    SessionFactory,
    StaffFactory,
    SurveyFactory,
    TaskFactory,
)

# "classmate" is a pupil of the same school in no project and with nothing of their own here: what
# the pupil owns (goal, notification, portfolio...) must stay closed to them.
ROLES = ("anonymous", "pupil", "classmate", "parent", "staff", "dsl", "leader")
MEMBER_ROLES = ROLES[1:]
ROSTER_CSV = b"First name,Last name,Year group,Form\nAmara,Okafor,7,7A\n"


def small_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 60)).save(out, "JPEG")
    return out.getvalue()


class World(SimpleNamespace):
    """Attributes: the roles (memberships) and the objects, all of one school."""


def build_world(tag: str = "a") -> World:
    school = SchoolFactory(name=f"School {tag.upper()}", slug=f"security-{tag}")
    w = World()
    w.school = school
    w.pupil = PupilFactory(school=school, user__username=f"pupil-{tag}")
    w.pupil2 = PupilFactory(school=school)
    w.pupil3 = PupilFactory(school=school)
    w.classmate = PupilFactory(school=school, user__username=f"classmate-{tag}")
    w.staff = StaffFactory(school=school, user__username=f"staff-{tag}")
    w.dsl = StaffFactory(school=school, is_safeguarding_lead=True, user__username=f"dsl-{tag}")
    w.leader = LeaderFactory(school=school, user__username=f"leader-{tag}")
    link = GuardianLinkFactory(pupil=w.pupil, consent_status=ConsentStatus.GIVEN, consent_changed_at=timezone.now())
    w.parent, w.guardian_link = link.parent, link

    w.need = NeedFactory(school=school, author=w.pupil)
    w.need2 = NeedFactory(school=school, author=w.pupil2)
    w.need_comment = NeedCommentFactory(need=w.need, author=w.pupil)
    w.holiday = SchoolHoliday.objects.create(
        school=school, name="Christmas", first_day=date(2026, 12, 21), last_day=date(2027, 1, 1)
    )

    w.project = ProjectFactory(school=school, what_you_get_back="Skills.")
    w.project.needs.add(w.need)
    ProjectMembershipFactory(project=w.project, membership=w.pupil, role=ProjectRole.LEAD)
    ProjectMembershipFactory(project=w.project, membership=w.staff, role=ProjectRole.FACILITATOR)
    w.project_member = ProjectMembershipFactory(project=w.project, membership=w.pupil2, role=ProjectRole.MEMBER)
    stages.project_move_stage(
        project=w.project, actor=w.staff, to_stage=Stage.CO_DESIGN, reason="security setup", override=True
    )
    w.project.refresh_from_db()
    w.join_request = JoinRequest.objects.create(project=w.project, membership=w.pupil3, message="Please")
    w.idea = IdeaFactory(project=w.project, created_by=w.pupil, is_shortlisted=True)
    w.idea2 = IdeaFactory(project=w.project, created_by=w.pupil2, is_shortlisted=True)
    w.idea_comment = IdeaCommentFactory(idea=w.idea, author=w.pupil)
    # The pupil's picture on their idea, checked by staff: everyone who sees the idea sees it.
    w.picture = pictures.picture_add(
        parent=w.idea, uploader=w.pupil, upload=SimpleUploadedFile("m.jpg", small_jpeg()), alt_text="A model"
    )
    pictures.picture_approve(picture=w.picture, staff=w.staff)
    # ...and one on their need that waits for staff: only the pupil and staff see it.
    w.waiting_picture = pictures.picture_add(
        parent=w.need, uploader=w.pupil, upload=SimpleUploadedFile("n.jpg", small_jpeg()), alt_text="A tap"
    )
    w.stage_proposal = stages.stage_propose(project=w.project, actor=w.pupil, reason="ready")

    w.decision = DecisionFactory(project=w.project, options=[w.idea, w.idea2])
    w.task = TaskFactory(project=w.project, owners=[w.pupil])
    w.checklist_item = ChecklistItem.objects.create(task=w.task, text="Ask the caretaker")
    w.session = SessionFactory(project=w.project)
    w.peer_role = PeerRole.objects.create(
        project=w.project, kind="buddy", holder=w.pupil, supports=w.pupil2, since=timezone.localdate()
    )
    w.goal = GoalFactory(pupil=w.pupil, staff=w.staff)
    # The pupil's calendar address (people.calendar): only its fingerprint is stored, the secret kept here.
    w.calendar = SimpleNamespace(secret=calendar_feed_renew(membership=w.pupil))
    # Single sign-on: allauth's pages of the school's provider exist only for a school that set it up.
    w.sign_in = SchoolSignIn.objects.create(
        school=school,
        provider=SignInProvider.OIDC,
        issuer_url=f"https://login.security-{tag}.invalid",
        email_domains=[f"security-{tag}.invalid"],
        client_id="security",
        client_secret="security",
    )
    # A goal the pupil proposed in the project, waiting for its facilitator to agree it.
    w.proposed_goal = GoalFactory(
        pupil=w.pupil,
        staff=w.staff,
        project=w.project,
        goal="Chair a meeting",
        status="proposed",
        proposed_by_pupil=True,
        due_on=timezone.localdate() + timedelta(days=20),
    )

    w.report = moderation.report_create(reporter=w.pupil2, target=w.need_comment, reason="rude")
    w.safeguarding_report = moderation.report_create(
        reporter=w.pupil2, target=w.idea_comment, reason="worried", is_safeguarding=True
    )
    charter_save(leader=w.leader, term="Autumn", may_decide="How the library is used.", budget_money=Decimal(100))

    w.survey = SurveyFactory(school=school, audience="pupils", anonymous=True, status="open")
    w.question = QuestionFactory(survey=w.survey, type="likert5")
    QuestionFactory(survey=w.survey, type="short_text", required=False)
    w.named_survey = SurveyFactory(school=school, audience="pupils", anonymous=False, status="open")
    QuestionFactory(survey=w.named_survey, type="short_text")
    w.pupil_invitation = Invitation.objects.create(school=school, inviter=w.staff, pupil=w.pupil, survey=w.survey)
    w.reflection = Reflection.objects.create(project=w.project, author=w.pupil, kind="worked", text="We listened.")

    preview = people_services.roster_import_preview(
        school=school, uploaded_by=w.staff, data=ROSTER_CSV, file_name="pupils.csv"
    )
    w.roster_import = people_services.roster_import_confirm(roster_import=preview, actor=w.staff)
    w.invitation = ParentInvitation.objects.create(
        school=school,
        pupil=w.pupil,
        email=f"carer-{tag}@example.org",
        token=f"security-token-{tag}",
        invited_by=w.staff,
        expires_at=timezone.now() + timedelta(days=14),
    )
    w.roster_sync = RosterSync.objects.create(school=school, uploaded_by=w.staff, source_format="oneroster")
    w.staff_invitation = StaffInvitation.objects.create(
        school=school,
        email=f"new-teacher-{tag}@example.org",
        first_name="New",
        last_name="Teacher",
        role="staff",
        token=f"staff-token-{tag}",
        invited_by=w.leader,
        expires_at=timezone.now() + timedelta(days=14),
    )
    w.notification = NotificationFactory(recipient=w.pupil)
    w.failed_email = EmailDeliveryFactory(
        notification__recipient=w.staff, status=EmailStatus.FAILED, failed_at=timezone.now()
    )
    w.report_export = ReportExport.objects.create(
        school=school, kind="school", report_key="school:2026-09-01:2026-12-31", status="done", progress=100,
        file=ContentFile(b"%PDF-1.7", name="school-report.pdf"), finished_at=timezone.now(),
    )  # fmt: skip
    return w
