"""Reads for invitations: whom staff may invite, to what, what waits on a pupil's home, and how
many invited pupils then took part (the stamps their contributions left, with the kinds of
evaluation.figures)."""

from django.db.models import Count, Model, Q, QuerySet
from django.utils import timezone

from evaluation.figures import Period, bounds, pupils_not_involved, pupils_of
from evaluation.models import Audience, Invitation, InvitationAnswer, Survey, SurveyStatus
from evaluation.selectors import audience_members
from people.models import Membership, School
from people.selectors import display_name_fields
from projects.models import Need, NeedStatus, Project, Stage, Visibility

# Each kind of target offered in the invite form, most recent first.
TARGETS_PER_KIND = 50
# Invitations shown on a pupil's home.
ON_HOME = 5


def open_projects(school: School) -> QuerySet[Project]:
    return Project.objects.filter(school=school, visibility=Visibility.SCHOOL).exclude(stage=Stage.COMPLETED)


def open_needs(school: School) -> QuerySet[Need]:
    return Need.objects.filter(school=school, status=NeedStatus.OPEN, hidden_at__isnull=True)


def open_surveys(school: School) -> QuerySet[Survey]:
    now = timezone.now()
    return Survey.objects.filter(
        Q(opens_at__isnull=True) | Q(opens_at__lte=now),
        Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        school=school,
        status=SurveyStatus.OPEN,
        audience__in=[Audience.PUPILS, Audience.YEAR_GROUPS, Audience.PROJECT],
    )


def target_is_open(target: Model) -> bool:
    queries = {Project: open_projects, Need: open_needs, Survey: open_surveys}
    return queries[type(target)](target.school).filter(pk=target.pk).exists()


def invitation_targets(*, school: School) -> dict[str, list]:
    """What staff may invite pupils to: open projects, open needs, open surveys (each capped)."""
    fields = ("pk", "title")
    return {
        "project": list(open_projects(school).order_by("-updated_at", "-pk").only(*fields)[:TARGETS_PER_KIND]),
        "need": list(open_needs(school).order_by("-created_at", "-pk").only(*fields)[:TARGETS_PER_KIND]),
        "survey": list(open_surveys(school).order_by("-created_at", "-pk").only(*fields)[:TARGETS_PER_KIND]),
    }


def target_get(*, school: School, value: str) -> Model | None:
    """The target named "project:12", "need:3" or "survey:7" if it is of this school and open; else None."""
    kind, _, pk = (value or "").partition(":")
    queries = {"project": open_projects, "need": open_needs, "survey": open_surveys}
    if kind not in queries or not pk.isdigit():
        return None
    return queries[kind](school).filter(pk=int(pk)).first()


def target_words(target: Model) -> str:
    if isinstance(target, Project):
        return f"The project “{target.title}”"
    if isinstance(target, Need):
        return f"The need “{target.title}”"
    return f"The survey “{target.title}”"


def target_what(target: Model) -> str:
    """What the pupil is asked to do, in plain words (the notification's title and their home)."""
    if isinstance(target, Project):
        return f"join the project “{target.title}”"
    if isinstance(target, Need):
        return f"have a look at “{target.title}” and say what you think"
    return f"answer the survey “{target.title}”"


def who_may_be_invited(target: Model) -> QuerySet[Membership]:
    """Active pupils who can take the target up: not already in the project; in the survey's audience."""
    pupils = pupils_of(target.school)
    if isinstance(target, Project):
        return pupils.exclude(project_memberships__project=target)
    if isinstance(target, Survey):
        return pupils.filter(pk__in=audience_members(target).values("pk"))
    return pupils


def pupil_forms(*, school: School) -> list[tuple[int, str]]:
    """The (year group, form) pairs of the school's active pupils, for the filter."""
    return list(
        pupils_of(school).exclude(form="").values_list("year_group", "form").distinct().order_by("year_group", "form")
    )


def invitable_pupils(
    *,
    school: School,
    period: Period,
    year_group: int | None = None,
    form: str = "",
    sen_status: str = "",
    pupil_premium: bool | None = None,
) -> QuerySet[Membership]:
    """The pupils not involved in the period (evaluation.figures), by year group and form, and by the
    special-category fields only when the school switched them on."""
    pupils = pupils_not_involved(school=school, period=period, year_group=year_group, form=form)
    if school.special_category_enabled:
        if sen_status == "any":
            pupils = pupils.exclude(sen_status="")
        elif sen_status:
            pupils = pupils.filter(sen_status=sen_status)
        if pupil_premium is not None:
            pupils = pupils.filter(pupil_premium=pupil_premium)
    return pupils


def open_invitations_for(pupil: Membership) -> list[Invitation]:
    """The pupil's invitations not answered yet, whose target is still open, newest first."""
    invitations = (
        Invitation.objects.filter(pupil=pupil, answer=InvitationAnswer.NONE)
        .filter(
            Q(project__isnull=False, project__in=open_projects(pupil.school))
            | Q(need__isnull=False, need__in=open_needs(pupil.school))
            | Q(survey__isnull=False, survey__in=open_surveys(pupil.school))
        )
        .select_related("inviter__user", "project", "need", "survey")
        .only(
            "message",
            "created_at",
            "project__title",
            "need__title",
            "survey__title",
            *display_name_fields("inviter__user"),
        )
    )
    return list(invitations[:ON_HOME])


def invitation_for(*, pupil: Membership, pk: int) -> Invitation | None:
    return Invitation.objects.filter(pupil=pupil, pk=pk).select_related("project", "need", "survey").first()


def invitation_uptake(*, school: School, period: Period) -> dict[str, int]:
    """Pupils invited in the period, and how many of them then took part by its end: an invitation
    stamped `took_part_at` by their first contribution after it (evaluation.invitations.services
    listens to people.taking_part). One query. Pupils who have left since are not counted either way."""
    since, until = bounds(period.start, period.end)
    counts = Invitation.objects.filter(
        school=school, created_at__gte=since, created_at__lt=until, pupil__in=pupils_of(school)
    ).aggregate(
        invited=Count("pupil", distinct=True),
        took_part=Count("pupil", distinct=True, filter=Q(took_part_at__lt=until)),
    )
    return {"invited": counts["invited"], "took_part": counts["took_part"]}
