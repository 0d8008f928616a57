"""The school report: participation and the unheard against a hand-built school, suppression below 5,
the power-sharing record, stage pace, before/after, access, the period form, caching and the CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.models import Survey, SurveyCompletion
from evaluation.reports import school as school_report_module
from evaluation.reports.periods import current_term
from evaluation.reports.school import Audience, school_report
from evaluation.stats import SUPPRESSED_TEXT
from projects.models import Attendance, StageTransition, VoterRecord
from projects.models import Project as ProjectModel
from projects.services.voting import decision_record_adoption
from tests.factories import (
    BackingFactory,
    DecisionFactory,
    IdeaFactory,
    LeaderFactory,
    NeedFactory,
    ProjectFactory,
    PupilFactory,
    QuestionFactory,
    SchoolFactory,
    SessionFactory,
    SurveyFactory,
    TaskFactory,
)
from tests.holding import held_flush

pytestmark = pytest.mark.django_db

URL = reverse("evaluation:school_report")


@pytest.fixture
def period():
    today = timezone.localdate()
    return today - timedelta(days=30), today + timedelta(days=1)


def _params(period):
    return {"start": period[0].isoformat(), "end": period[1].isoformat()}


@pytest.fixture
def town(school):
    """19 pupils. Year 7 (7A, 6): all heard. Year 8 (8A, 6): 4 heard, one whose only need is older
    than the period. Year 9 (9A, 5) and Year 10 (10A, 2): nobody heard. Plus another school's pupil."""
    y7 = [PupilFactory(school=school, year_group=7, form="7A", user__last_name=f"Seven{i}") for i in range(6)]
    y8 = [PupilFactory(school=school, year_group=8, form="8A", user__last_name=f"Eight{i}") for i in range(6)]
    y9 = [PupilFactory(school=school, year_group=9, form="9A", user__last_name=f"Nine{i}") for i in range(5)]
    y10 = [PupilFactory(school=school, year_group=10, form="10A", user__last_name=f"Ten{i}") for i in range(2)]
    project = ProjectFactory(school=school)
    for pupil in y7[:5]:
        NeedFactory(school=school, author=pupil)  # raised: 5 in Year 7
    IdeaFactory(project=project, created_by=y7[0])  # designed: 1
    decision = DecisionFactory(project=project)
    for pupil in y7[1:]:
        VoterRecord.objects.create(decision=decision, membership=pupil, voted_on=timezone.localdate())  # voted: 5
    BackingFactory(need=NeedFactory(school=school, author=y7[0]), membership=y8[0])  # backed: 1
    TaskFactory(project=project, owners=[y8[1]])  # delivered
    Attendance.objects.create(session=SessionFactory(project=project), membership=y8[2], status="present")
    Attendance.objects.create(session=SessionFactory(project=project), membership=y8[5], status="absent")
    SurveyCompletion.objects.create(
        survey=SurveyFactory(school=school), membership=y8[3], completed_on=timezone.localdate()
    )
    old = NeedFactory(school=school, author=y8[4])
    type(old).objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=90))
    NeedFactory(school=SchoolFactory())  # another school's pupil raised a need
    return {"y7": y7, "y8": y8, "y9": y9, "y10": y10, "project": project}


def _report(school, period, audience=Audience.STAFF):
    return school_report(school=school, start=period[0], end=period[1], audience=audience)


def test_whole_school_shares_count_each_way_of_taking_part(school, town, period):
    [row] = _report(school, period)["participation"]["whole_school"]
    assert row.pupils == "19"
    raised, backed, designed, voted, delivered, answered = row.cells
    assert (raised.count, raised.percent) == ("5", "26%")
    assert (voted.count, voted.percent) == ("5", "26%")
    for cell in (backed, designed, delivered, answered):  # 1 or 2 pupils each
        assert (cell.count, cell.percent) == (SUPPRESSED_TEXT, SUPPRESSED_TEXT)
    assert (row.heard.count, row.heard.percent) == ("10", "53%")
    assert row.unheard.count == "9"


def test_year_groups_and_forms_are_counted_separately_and_small_groups_suppressed(school, town, period):
    participation = _report(school, period)["participation"]
    by_year = {row.label: row for row in participation["by_year"]}
    assert list(by_year) == ["Year 7", "Year 8", "Year 9", "Year 10"]
    assert by_year["Year 7"].cells[0].percent == "83%"  # 5 of 6 raised a need
    assert str(by_year["Year 7"].heard) == "100% (6)"
    assert by_year["Year 8"].heard.count == SUPPRESSED_TEXT  # 4 heard
    assert (by_year["Year 9"].pupils, by_year["Year 9"].unheard.count) == ("5", "5")
    year_10 = by_year["Year 10"]
    assert year_10.pupils == SUPPRESSED_TEXT
    assert {cell.count for cell in [*year_10.cells, year_10.heard, year_10.unheard]} == {SUPPRESSED_TEXT}
    assert [row.label for row in participation["by_form"]] == ["10A", "7A", "8A", "9A"]


def test_unheard_names_are_listed_for_staff(client_for, staff, town, period):
    response = client_for(staff).get(URL, _params(period))
    assert response.status_code == 200
    names = [pupil.user.display_name for pupil in response.context["page"].object_list]
    expected = [p.user.display_name for p in [*town["y8"][4:], *town["y9"], *town["y10"]]]
    assert sorted(names) == sorted(expected)
    assert town["y8"][4].user.display_name in response.content.decode()
    assert town["y7"][0].user.display_name not in response.content.decode()


def test_leaders_see_unheard_counts_but_no_names(client_for, leader, town, period):
    response = client_for(leader).get(URL, _params(period))
    assert response.status_code == 200
    assert response.context["page"] is None
    page = response.content.decode()
    assert "Pupils not yet heard: names" not in page
    for pupil in [*town["y9"], *town["y10"], town["y8"][5]]:
        assert pupil.user.display_name not in page
    assert "<strong>9</strong>" in page


def test_the_page_shows_fewer_than_5_and_never_a_small_figure(client_for, staff, town, period):
    page = client_for(staff).get(URL, _params(period)).content.decode()
    assert SUPPRESSED_TEXT in page
    assert "1 (" not in page and "(1)" not in page and "(2)" not in page


def test_contributions_outside_the_period_do_not_count(school, town, period):
    later = (period[1] + timedelta(days=10), period[1] + timedelta(days=40))
    [row] = _report(school, later)["participation"]["whole_school"]
    assert row.heard.count == SUPPRESSED_TEXT  # only the 0 of the future period
    assert row.unheard.count == "19"


def test_the_power_sharing_record_lists_adoption_and_reasons(client_for, leader, school, period):
    project = ProjectFactory(school=school)
    closed = {"status": "closed", "closed_at": timezone.now(), "ballot_salt": ""}
    result = {"method": "approval", "ballots": 12, "rows": [], "winners": []}
    DecisionFactory(project=project, title="Lunch queue", result=result, adoption="adopted", **closed)
    DecisionFactory(
        project=project, title="Longer break", result={**result, "ballots": 3}, adoption="not_adopted",
        adoption_reason="The timetable is fixed for this year.", **closed,
    )  # fmt: skip
    DecisionFactory(project=project, title="Still open")
    report = _report(school, period, Audience.LEADER)
    decisions = report["decisions"]
    assert (decisions["adopted"], decisions["not_adopted"], decisions["pending"]) == (1, 1, 0)
    assert [(row["title"], row["ballots"]) for row in decisions["rows"]] == [
        ("Lunch queue", "12"),
        ("Longer break", SUPPRESSED_TEXT),
    ]
    page = client_for(leader).get(URL, _params(period)).content.decode()
    assert "The timetable is fixed for this year." in page
    assert "Not adopted by leadership" in page


def test_stage_pace_counts_days_in_each_stage(school, period):
    project = ProjectFactory(school=school)
    now = timezone.now()
    ProjectModel.objects.filter(pk=project.pk).update(created_at=now - timedelta(days=10), stage="co_design")
    move = StageTransition.objects.create(project=project, from_stage="co_identify", to_stage="co_design")
    StageTransition.objects.filter(pk=move.pk).update(created_at=now - timedelta(days=4))
    stages = {row["stage"]: row for row in _report(school, period)["stages"]}
    assert (stages["Co-identify"]["stays_ended"], stages["Co-identify"]["mean_days"]) == (1, "6.0")
    assert (stages["Co-design"]["projects"], stages["Co-design"]["days_so_far"]) == (1, "4.0")
    assert stages["Co-decide"]["projects"] == 0


def test_before_and_after_changes_across_projects_with_charts(school, staff, period):
    for title, before_values, after_values in (
        # Counts of 0 or at least 5 only, so the means may be shown (evaluation/stats.py): d = 1 / sqrt(10/14).
        ("Confidence", [2] * 5 + [3] * 5 + [4] * 5, [3] * 5 + [4] * 5 + [5] * 5),
        ("Belonging", [3], [4]),
    ):
        before = SurveyFactory(school=school, pairing="before", title=title, project=ProjectFactory(school=school))
        QuestionFactory(survey=before, type="likert5", text=f"{title} question")
        after = services.survey_create_twin(survey=before, actor=staff)
        Survey.objects.filter(pk=after.pk).update(status="open")
        after.refresh_from_db()
        for survey, values in ((before, before_values), (after, after_values)):
            question = survey.questions.get()
            for value in values:
                services.response_submit(
                    survey=survey, membership=PupilFactory(school=school), answers={question.pk: value}
                )
    held_flush()
    pairs = {pair["before"]: pair for pair in _report(school, period)["prepost"]}
    [(question, figures)] = pairs["Confidence"]["rows"]
    assert (question, figures["mean_change"], figures["effect_size"]) == ("Confidence question", "+1.00", "1.18")
    assert pairs["Confidence"]["rose"] == 1
    assert "<svg" in pairs["Confidence"]["chart"]
    [(_question, small)] = pairs["Belonging"]["rows"]
    assert small["mean_change"] == SUPPRESSED_TEXT
    assert "fewer than 5 answered: not shown" in pairs["Belonging"]["chart"]


def test_queries_stay_the_same_whatever_the_data(school, town, period):
    def count(start_offset):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            school_report_module._compute(
                school=school, start=period[0] - timedelta(days=start_offset), end=period[1], audience="staff"
            )
        return len(captured)

    first = count(0)
    for pupil in PupilFactory.create_batch(20, school=school, year_group=11, form="11Z"):
        NeedFactory(school=school, author=pupil)
        DecisionFactory(project=ProjectFactory(school=school))
    assert count(1) == first


def test_the_page_keeps_its_figures_through_busy_writes_until_refreshed(
    client_for, school, leader, town, period, django_capture_on_commit_callbacks
):
    """Kept for minutes ("figures as of"), not renewed by a backing; the refresh button computes again."""
    client = client_for(leader)
    first = client.get(URL, _params(period))
    assert school_report_module.BODY_TEMPLATE in [t.name for t in first.templates]
    with django_capture_on_commit_callbacks(execute=True):
        BackingFactory(need=NeedFactory(school=school, author=town["y7"][0]), membership=town["y9"][0])
    again = client.get(URL, _params(period))
    assert school_report_module.BODY_TEMPLATE not in [t.name for t in again.templates]
    assert again.context["report_body"] == first.context["report_body"]
    refreshed = client.get(URL, {**_params(period), "refresh": "1"})
    [row] = refreshed.context["report"]["participation"]["whole_school"]
    assert row.heard.count == "11"
    assert "Refresh the figures" in refreshed.text and "figures as of" in refreshed.text


def test_an_adoption_decision_refreshes_the_cached_report(school, leader, period, django_capture_on_commit_callbacks):
    project = ProjectFactory(school=school)
    result = {"method": "approval", "ballots": 6, "rows": [], "winners": []}
    decision = DecisionFactory(
        project=project, status="closed", closed_at=timezone.now(), ballot_salt="", result=result
    )
    assert _report(school, period)["decisions"]["pending"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        decision_record_adoption(decision=decision, actor=leader, adopted=True)
    assert _report(school, period)["decisions"]["adopted"] == 1


def test_with_redis_away_the_report_is_computed_not_a_500(client_for, staff, school, town, period, redis_away):
    response = client_for(staff).get(URL, _params(period))
    assert response.status_code == 200
    [row] = response.context["report"]["participation"]["whole_school"]
    assert row.heard.count == "10"


def test_staff_and_leaders_only(client_for, pupil, parent, staff, leader):
    assert client_for(pupil).get(URL).status_code == 403
    assert client_for(parent).get(URL).status_code == 403
    assert client_for(staff).get(URL).status_code == 200
    assert client_for(leader).get(URL).status_code == 200


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_another_schools_pupils_never_appear(client_for, town, period):
    other_leader = LeaderFactory(school=SchoolFactory())
    response = client_for(other_leader).get(URL, _params(period))
    [row] = response.context["report"]["participation"]["whole_school"]
    assert row.pupils == SUPPRESSED_TEXT  # an empty school
    assert town["y7"][0].user.display_name not in response.content.decode()


def test_the_period_defaults_to_the_current_term(client_for, staff):
    response = client_for(staff).get(URL)
    term = current_term(timezone.localdate())
    assert (response.context["start"], response.context["end"]) == (term.start, term.end)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-12-01", "end": "2026-11-01"}, "The end date must be on or after the start date."),
        ({"start": "junk", "end": "2026-11-01"}, "Enter a valid date."),
        ({"start": "2020-01-01", "end": "2026-11-01"}, "Choose a period of at most three years."),
        ({"start": "2026-01-01"}, "This field is required."),
    ],
)
def test_bad_periods_are_explained_not_a_500(client_for, staff, params, message):
    response = client_for(staff).get(URL, params)
    assert response.status_code == 200
    assert message in response.content.decode()


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_has_the_figures_suppressed_and_no_names(client_for, staff, school, town, period):
    ProjectFactory(school=school, title="=HYPERLINK(1)")
    result = {"method": "approval", "ballots": 9, "rows": [], "winners": []}
    DecisionFactory(
        project=town["project"], title="=cmd|' /C calc'!A0", status="closed", closed_at=timezone.now(),
        ballot_salt="", result=result,
    )  # fmt: skip
    response = client_for(staff).get(reverse("evaluation:school_report_csv"), _params(period))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    whole = next(row for row in rows if row[:2] == ["whole school", "Whole school"])
    assert whole[2:6] == ["19", "5", "26%", SUPPRESSED_TEXT]
    year_10 = next(row for row in rows if row[1:2] == ["Year 10"])
    assert set(year_10[2:]) == {SUPPRESSED_TEXT}
    assert any(row and row[0] == "'=cmd|' /C calc'!A0" for row in rows)
    text = response.content.decode()
    assert town["y9"][0].user.display_name not in text


def test_the_csv_is_for_staff_and_leaders_only(client_for, pupil):
    assert client_for(pupil).get(reverse("evaluation:school_report_csv")).status_code == 403
