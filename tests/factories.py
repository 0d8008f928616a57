"""factory_boy factories for every app's models. Memberships are the usual entry point."""

from datetime import date, timedelta

import factory
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from people.models import ConsentStatus, GuardianLink, Membership, Role, School, User
from projects.counters import count_add


class CountedFactory(factory.django.DjangoModelFactory):
    """A row that a counter on another row counts (projects.counters): made here, it is counted there
    as the services count it, so pages built from factories show the right numbers."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        row = super()._create(model_class, *args, **kwargs)
        cls.count(row)
        return row

    @classmethod
    def count(cls, row) -> None:
        raise NotImplementedError


def totp_enrol(user) -> str:
    """Set up an authenticator app for this person; returns its secret, to compute valid codes from."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")
    # A new school asks its adults for a second sign-in step (people.second_step); tests of other things
    # open pupils' pages as staff without one. tests/people/test_second_step.py switches it on.
    adults_need_second_step = False


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Role.STAFF

    @factory.post_generation
    def second_step(self, create, extracted, **kwargs):
        """`second_step=True`: the person has set up an authenticator app (TOTP), as allauth.mfa stores it."""
        if create and extracted:
            totp_enrol(self.user)


class PupilFactory(MembershipFactory):
    role = Role.PUPIL
    user = factory.SubFactory(UserFactory, email=None)
    year_group = 8
    form = "8A"


class StaffFactory(MembershipFactory):
    role = Role.STAFF


class LeaderFactory(MembershipFactory):
    role = Role.LEADER


class ParentFactory(MembershipFactory):
    role = Role.PARENT


class GuardianLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuardianLink

    school = factory.SelfAttribute("pupil.school")
    parent = factory.SubFactory(ParentFactory, school=factory.SelfAttribute("..pupil.school"))
    pupil = factory.SubFactory(PupilFactory)

    class Params:
        # The parent has given consent: what lets them follow the child's goals and portfolio.
        consented = factory.Trait(
            consent_status=ConsentStatus.GIVEN, consent_changed_at=factory.LazyFunction(timezone.now)
        )


# --- projects -------------------------------------------------------------------------------


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Need"

    school = factory.SubFactory(SchoolFactory)
    author = factory.SubFactory(PupilFactory, school=factory.SelfAttribute("..school"))
    title = factory.Sequence(lambda n: f"Need {n}")
    problem = "The water fountains on the top floor are broken."
    affects = "Everyone upstairs"
    category = "facilities"


class BackingFactory(CountedFactory):
    class Meta:
        model = "projects.Backing"

    need = factory.SubFactory(NeedFactory)
    membership = factory.SubFactory(PupilFactory, school=factory.SelfAttribute("..need.school"))

    @classmethod
    def count(cls, row) -> None:
        count_add(type(row.need), row.need_id, backer_count=1)


class NeedCommentFactory(CountedFactory):
    class Meta:
        model = "projects.NeedComment"

    need = factory.SubFactory(NeedFactory)
    author = factory.SubFactory(PupilFactory, school=factory.SelfAttribute("..need.school"))
    body = "Same on the ground floor."

    @classmethod
    def count(cls, row) -> None:
        count_add(type(row.need), row.need_id, comment_count=int(row.hidden_at is None))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Project"

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Fix the water fountains."


class ProjectMembershipFactory(CountedFactory):
    class Meta:
        model = "projects.ProjectMembership"

    project = factory.SubFactory(ProjectFactory)
    membership = factory.SubFactory(PupilFactory, school=factory.SelfAttribute("..project.school"))
    role = "member"

    @classmethod
    def count(cls, row) -> None:
        count_add(type(row.project), row.project_id, member_count=1, facilitator_count=int(row.role == "facilitator"))


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Idea"
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    created_by = factory.SubFactory(PupilFactory, school=factory.SelfAttribute("..project.school"))
    title = factory.Sequence(lambda n: f"Idea {n}")
    description = "Ask the council for new fountains."
    who_it_helps = "Everyone"

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            self.authors.set(extracted or [self.created_by])


class IdeaCommentFactory(CountedFactory):
    class Meta:
        model = "projects.IdeaComment"

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(PupilFactory, school=factory.SelfAttribute("..idea.project.school"))
    body = "Could we ask the PTA too?"

    @classmethod
    def count(cls, row) -> None:
        count_add(type(row.idea), row.idea_id, comment_count=int(row.hidden_at is None))


# --- evaluation ---


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "evaluation.Survey"

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Survey {n}")
    audience = "pupils"
    anonymous = True
    status = "open"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "evaluation.Question"

    survey = factory.SubFactory(SurveyFactory)
    order = factory.LazyAttribute(lambda q: q.survey.questions.count() + 1)
    type = "likert5"
    text = factory.Sequence(lambda n: f"Question {n}?")
    required = True


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.Notification"

    recipient = factory.SubFactory(PupilFactory)
    kind = "announcement"
    subject = factory.Sequence(lambda n: f"test:{n}")
    title = factory.Sequence(lambda n: f"Notification {n}")


class EmailDeliveryFactory(factory.django.DjangoModelFactory):
    """A single-notification email to a staff member, pending unless told otherwise."""

    class Meta:
        model = "people.EmailDelivery"

    notification = factory.SubFactory(NotificationFactory, recipient=factory.SubFactory(StaffFactory))
    recipient = factory.SelfAttribute("notification.recipient")
    to_address = factory.LazyAttribute(lambda d: d.recipient.user.email)
    subject = factory.SelfAttribute("notification.title")
    body = "Body"


# --- projects: co-decide and co-deliver ---


class DecisionFactory(factory.django.DjangoModelFactory):
    """An open approval vote of the project's members, open since an hour ago for a week.

    Pass `options=[idea, ...]` (shortlisted ideas of the project). Real code creates decisions with
    projects.services.voting.decision_create, which also checks the stage and the options.
    """

    class Meta:
        model = "projects.Decision"
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Decision {n}")
    method = "approval"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ballot_salt = factory.Faker("hexify", text="^" * 64)

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        if create and extracted:
            self.options.set(extracted)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Task"
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Task {n}")
    status = "todo"
    done_on = factory.LazyAttribute(lambda task: date.today() if task.status == "done" else None)

    @factory.post_generation
    def owners(self, create, extracted, **kwargs):
        if create and extracted:
            self.owners.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Session"

    project = factory.SubFactory(ProjectFactory)
    held_on = factory.LazyFunction(date.today)
    place = "Library"
    agenda = "Plan the fountain survey."


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Goal"

    pupil = factory.SubFactory(PupilFactory)
    staff = factory.SubFactory(StaffFactory, school=factory.SelfAttribute("..pupil.school"))
    goal = "Speak up in two meetings"
    steps = "Prepare one point before each meeting."
