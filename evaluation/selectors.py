"""Reads for surveys. Every query is scoped to one school."""

from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from evaluation.models import (
    AUDIENCE_ROLES,
    Answer,
    Audience,
    DraftAnswer,
    NamedResponse,
    Question,
    Survey,
    SurveyCompletion,
    SurveyStatus,
)
from people.models import Membership, School
from projects.models import Project, ProjectMembership


def surveys_for_audience(membership: Membership) -> QuerySet[Survey]:
    """Every survey of the member's school whose audience includes them, whatever its status.

    One condition, no annotations: it is on every pupil home, and building the Exists and excludes it
    used to take several times longer than running the query (bench, issue 9).
    """
    audiences = {audience for audience, roles in AUDIENCE_ROLES.items() if membership.role in roles}
    reaches = Q(audience__in=audiences - {Audience.PROJECT, Audience.YEAR_GROUPS})
    if Audience.PROJECT in audiences:
        my_projects = ProjectMembership.objects.filter(membership=membership).values("project")
        reaches |= Q(audience=Audience.PROJECT, project__in=my_projects)
    surveys = Survey.objects.filter(school_id=membership.school_id)
    if Audience.YEAR_GROUPS in audiences and membership.year_group:
        surveys = surveys.alias(year_hit=F("year_group_bits").bitand(1 << membership.year_group))
        reaches |= Q(audience=Audience.YEAR_GROUPS) & ~Q(year_hit=0)
    return surveys.filter(reaches)


def _open_now(membership: Membership) -> QuerySet[Survey]:
    now = timezone.now()
    return surveys_for_audience(membership).filter(
        Q(opens_at__isnull=True) | Q(opens_at__lte=now),
        Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        status=SurveyStatus.OPEN,
    )


def surveys_open_for(membership: Membership) -> QuerySet[Survey]:
    """The surveys this person can answer now, each with `answered` (whether they already did)."""
    return (
        _open_now(membership)
        .annotate(answered=Exists(SurveyCompletion.objects.filter(survey=OuterRef("pk"), membership=membership)))
        .order_by("answered", "closes_at", "title")
    )


def surveys_to_answer(membership: Membership) -> QuerySet[Survey]:
    """The surveys this person can answer now and has not yet, with what the home pages show: one
    condition, no `answered` to compute and then filter on, which built the same subquery twice."""
    answered = SurveyCompletion.objects.filter(survey=OuterRef("pk"), membership=membership)
    return _open_now(membership).filter(~Exists(answered)).only("title", "closes_at").order_by("closes_at", "title")


def is_in_audience(*, membership: Membership, survey: Survey) -> bool:
    return surveys_for_audience(membership).filter(pk=survey.pk).exists()


def survey_list(*, school: School) -> QuerySet[Survey]:
    """The builder's list: every survey of the school with its question and response counts."""
    return (
        Survey.objects.filter(school=school)
        .annotate(
            question_count=Count("questions", distinct=True),
            response_count=Count("completions", distinct=True),
        )
        .order_by("-created_at")
    )


def projects_for_surveys(*, school: School) -> QuerySet[Project]:
    """The projects a survey of this school can evaluate."""
    return Project.objects.filter(school=school).order_by("title")


def survey_get(*, school: School, pk: int) -> Survey:
    """One survey of this school; another school's id is simply not found (404, never 403)."""
    return Survey.objects.select_related("school", "twin", "project").get(school=school, pk=pk)


def survey_has_answers(survey: Survey) -> bool:
    return SurveyCompletion.objects.filter(survey=survey).exists()


def survey_response_count(survey: Survey) -> int:
    return SurveyCompletion.objects.filter(survey=survey).count()


def audience_members(survey: Survey) -> QuerySet[Membership]:
    """The active people a survey is for (the mirror image of `surveys_for_audience`)."""
    people = Membership.objects.filter(
        school_id=survey.school_id, is_active=True, role__in=AUDIENCE_ROLES[survey.audience]
    )
    if survey.audience == Audience.YEAR_GROUPS:
        people = people.filter(year_group__in=survey.year_groups)
    elif survey.audience == Audience.PROJECT:
        people = people.filter(project_memberships__project_id=survey.project_id)
    return people


def members_yet_to_answer(survey: Survey) -> QuerySet[Membership]:
    """Who a reminder should go to: in the audience and not yet answered. Reads only the
    completion table, so it works the same for anonymous surveys."""
    answered = SurveyCompletion.objects.filter(survey=survey, membership=OuterRef("pk"))
    return audience_members(survey).exclude(Exists(answered)).select_related("user")


def survey_questions(survey: Survey) -> list[Question]:
    return list(survey.questions.order_by("order"))


def question_get(*, survey: Survey, pk: int) -> Question:
    return survey.questions.get(pk=pk)


def drafts_for(*, survey: Survey, membership: Membership) -> dict[int, Any]:
    """The person's saved answers so far, by question id."""
    return dict(DraftAnswer.objects.filter(survey=survey, membership=membership).values_list("question_id", "value"))


def has_completed(*, survey: Survey, membership: Membership) -> bool:
    return SurveyCompletion.objects.filter(survey=survey, membership=membership).exists()


def named_responses(*, survey: Survey) -> QuerySet[NamedResponse]:
    """Who answered a *named* survey and what, for staff. Anonymous surveys have no rows here."""
    return (
        NamedResponse.objects.filter(survey=survey)
        .select_related("membership__user", "response")
        .prefetch_related(Prefetch("response__answers", queryset=Answer.objects.select_related("question")))
        .order_by("membership__user__last_name", "membership__user__first_name", "membership_id")
    )
