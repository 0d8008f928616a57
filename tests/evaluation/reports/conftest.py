import pytest

from evaluation.models import Pairing, QuestionType, SurveyStatus
from projects.models import ProjectRole, Stage
from projects.services.stages import project_move_stage
from tests.factories import (
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    StaffFactory,
    SurveyFactory,
)


@pytest.fixture
def project(school):
    return ProjectFactory(school=school, title="Late bus")


@pytest.fixture
def lead(project):
    return ProjectMembershipFactory(project=project, role=ProjectRole.LEAD).membership


@pytest.fixture
def facilitator(project):
    staff = StaffFactory(school=project.school)
    ProjectMembershipFactory(project=project, membership=staff, role=ProjectRole.FACILITATOR)
    return staff


@pytest.fixture
def move_to(facilitator):
    """Put a project in a stage the only legal way: the facilitator overrides, one stage at a time."""

    def move(project, stage: Stage):
        project.refresh_from_db()
        while project.stage != stage:
            project_move_stage(
                project=project,
                actor=facilitator,
                to_stage=Stage(project.stage).next,
                reason="test setup",
                override=True,
            )
            project.refresh_from_db()
        return project

    return move


@pytest.fixture
def pair(project):
    """An open anonymous before/after pair for all pupils, linked to the project, with one Likert
    question in both and a short-text question in the after survey. `of` another project."""

    def make(*, of=None, anonymous: bool = True, status: str = SurveyStatus.OPEN):
        of = of or project
        before = SurveyFactory(school=of.school, project=of, pairing=Pairing.BEFORE, anonymous=anonymous, status=status)
        after = SurveyFactory(
            school=of.school, project=of, pairing=Pairing.AFTER, anonymous=anonymous, status=status, twin=before
        )
        before.twin = after
        before.save(update_fields=["twin"])
        for survey in (before, after):
            QuestionFactory(survey=survey, type=QuestionType.LIKERT5, text="I speak up in meetings.")
        QuestionFactory(survey=after, type=QuestionType.SHORT_TEXT, text="What did not work?", required=False)
        return before, after

    return make


@pytest.fixture
def answer(submit):
    """`answer(survey, [values of question 1], texts=[...])`: one new pupil per value."""

    def run(survey, values, texts=()):
        for index, value in enumerate(values):
            pupil = PupilFactory(school=survey.school)
            by_order = {1: value}
            if index < len(texts):
                by_order[2] = texts[index]
            submit(survey, pupil, by_order)

    return run
