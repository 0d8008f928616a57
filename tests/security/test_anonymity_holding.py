"""Anonymity against someone who reads the database or compares downloads (issue 18), on PostgreSQL.

Four attacks, each as a reader would run it:
- linking: PostgreSQL's `xmin` (the writing transaction), `ctid` (storage order), keys and dates of
  responses and ballots, against the completion and voter records that name people;
- differencing: the results CSV downloaded before and after each single send;
- solving: every vector of counts consistent with a survey's published figures;
- crashing: the mover killed between its insert and its delete, by an exception and by SIGKILL.
The true partner of each record is known to the test only: each pupil writes their own marker,
each voter keeps the receipt they were shown.
"""

import csv
import io
import itertools
import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from coproschool.batches import BATCH_MIN
from evaluation import holding
from evaluation.holding import held_responses_move, held_responses_move_all
from evaluation.models import Answer, HeldResponse, Response, SurveyCompletion
from evaluation.services import response_submit
from evaluation.stats import HIDDEN_TEXT, SUPPRESSED_TEXT, shown
from projects.models import Ballot, HeldBallot, VoterRecord
from projects.services import holding as ballot_holding
from projects.services.holding import held_ballots_move, held_ballots_move_all
from projects.services.voting import ballot_cast, receipt_digest
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    StaffFactory,
    SurveyFactory,
)

PEOPLE = 40
# |Spearman rho| of 40 random pairs has a standard deviation of about 0.16: 0.6 is beyond 3.5 of them.
NEAR_ZERO = 0.6
REPO = Path(__file__).resolve().parents[2]


# --- what a database reader can run ----------------------------------------------------------------


def _rows(table: str, where: str, params: list, columns: str = "id") -> list[tuple]:
    """(columns..., xmin) of a table's rows, in storage (ctid) order."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}, xmin::text::bigint FROM {table} WHERE {where} ORDER BY ctid", params)
        return cursor.fetchall()


def _ranks(values: list) -> list[int]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0] * len(values)
    for rank, i in enumerate(order):
        ranks[i] = rank
    return ranks


def spearman(xs: list, ys: list) -> float:
    n = len(xs)
    rx, ry = _ranks(xs), _ranks(ys)
    return 1 - 6 * sum((a - b) ** 2 for a, b in zip(rx, ry, strict=True)) / (n * (n * n - 1))


def _xmin_candidates(person_xmin: int, rows: list[tuple[object, int]]) -> set:
    """The rows a reader would pair with a person's record: those written nearest to it."""
    nearest = min(abs(xmin - person_xmin) for _key, xmin in rows)
    return {key for key, xmin in rows if abs(xmin - person_xmin) == nearest}


def _assert_not_linkable(people: list[tuple[object, int]], partner: dict, rows: list[tuple[object, int]]) -> None:
    """No person's record singles out their true partner row by xmin adjacency (chance is 1 in 5 at best)."""
    for person, person_xmin in people:
        candidates = _xmin_candidates(person_xmin, rows)
        assert candidates != {partner[person]}, "xmin adjacency pairs a record with its person"
        if partner[person] in candidates:
            assert len(candidates) >= BATCH_MIN, f"xmin narrows a person to {len(candidates)} rows"


# --- (a) linking by xmin, storage order, keys and dates ----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_40_anonymous_answers_cannot_be_paired_with_their_completions(school):
    survey = SurveyFactory(school=school)
    scale = QuestionFactory(survey=survey, type="likert5")
    marker = QuestionFactory(survey=survey, type="short_text")
    pupils = [PupilFactory(school=school) for _ in range(PEOPLE)]
    for i, pupil in enumerate(pupils, start=1):
        response_submit(survey=survey, membership=pupil, answers={scale.pk: str(1 + i % 5), marker.pk: f"m{i:02d}"})
        if i % 8 == 0:
            held_responses_move_all()  # as the scheduled job would, now and then, while the survey is open
    assert Response.objects.filter(survey=survey).count() + HeldResponse.objects.filter(survey=survey).count() == 40
    assert HeldResponse.objects.filter(survey=survey).count() >= BATCH_MIN

    # Who sent which marker (the test's secret), and where the reader finds each record.
    marker_of = {pupil.pk: f"m{i:02d}" for i, pupil in enumerate(pupils, start=1)}
    completions = _rows(SurveyCompletion._meta.db_table, "survey_id = %s", [survey.pk], "id, membership_id")
    responses = _rows(Response._meta.db_table, "survey_id = %s", [survey.pk])
    held = _rows(HeldResponse._meta.db_table, "survey_id = %s", [survey.pk], "id, answers")
    text_of = dict(Answer.objects.filter(question=marker).values_list("response_id", "text"))
    row_of_marker = {text: response_id for response_id, text in text_of.items()}
    for held_id, answers, _xmin in held:
        answers = json.loads(answers) if isinstance(answers, str) else answers
        row_of_marker[next(item["text"] for item in answers if item["question"] == marker.pk)] = held_id
    partner = {
        completion_id: row_of_marker[marker_of[membership_id]] for completion_id, membership_id, _ in completions
    }

    everything = [(key, xmin) for key, xmin in responses] + [(key, xmin) for key, _answers, xmin in held]
    _assert_not_linkable([(completion_id, xmin) for completion_id, _m, xmin in completions], partner, everything)

    # Storage order and keys: ranked against the order people sent, they say nothing.
    sent_order = {completion_id: n for n, (completion_id, _m, _x) in enumerate(completions)}
    storage_rank = {key: n for n, (key, _xmin) in enumerate(responses)}
    moved = [c for c in sent_order if partner[c] in storage_rank]
    assert len(moved) >= 30
    sent = [sent_order[c] for c in moved]
    assert abs(spearman(sent, [storage_rank[partner[c]] for c in moved])) < NEAR_ZERO
    assert abs(spearman(sent, [str(partner[c]) for c in moved])) < NEAR_ZERO
    # Dates: every response carries its batch's day, shared by at least 5.
    assert min(Counter(Response.objects.filter(survey=survey).values_list("submitted_on", flat=True)).values()) >= 5


@pytest.mark.django_db(transaction=True)
def test_40_ballots_of_an_open_vote_cannot_be_paired_with_their_voters(project):
    ideas = [IdeaFactory(project=project, is_shortlisted=True) for _ in range(3)]
    decision = DecisionFactory(project=project, options=ideas)
    voters = [ProjectMembershipFactory(project=project).membership for _ in range(PEOPLE)]
    receipt_of = {}
    for i, voter in enumerate(voters, start=1):
        receipt_of[voter.pk] = receipt_digest(ballot_cast(decision=decision, voter=voter, choices=[ideas[i % 3].pk]))
        if i % 8 == 0:
            held_ballots_move_all()
    assert decision.ballots.count() + decision.held_ballots.count() == 40
    assert decision.held_ballots.count() >= BATCH_MIN

    records = _rows(VoterRecord._meta.db_table, "decision_id = %s", [decision.pk], "id, membership_id")
    ballots = _rows(Ballot._meta.db_table, "decision_id = %s", [decision.pk], "id, receipt")
    held = _rows(HeldBallot._meta.db_table, "decision_id = %s", [decision.pk], "id, receipt")
    row_of_receipt = {receipt: key for key, receipt, _xmin in ballots + held}
    partner = {record: row_of_receipt[receipt_of[membership]] for record, membership, _x in records}

    everything = [(key, xmin) for key, _receipt, xmin in ballots + held]
    _assert_not_linkable([(record, xmin) for record, _m, xmin in records], partner, everything)

    voted_order = {voter.pk: n for n, voter in enumerate(voters)}
    record_order = {record: voted_order[membership] for record, membership, _x in records}
    storage_rank = {key: n for n, (key, _r, _x) in enumerate(ballots)}
    moved = [r for r in record_order if partner[r] in storage_rank]
    assert len(moved) >= 30
    voted = [record_order[r] for r in moved]
    assert abs(spearman(voted, [storage_rank[partner[r]] for r in moved])) < NEAR_ZERO
    assert abs(spearman(voted, [str(partner[r]) for r in moved])) < NEAR_ZERO
    # The voter records' own storage order is the order people voted: that is what the ballots must not follow.
    assert spearman(voted, [n for n, (record, _m, _x) in enumerate(records) if record in moved]) > 0.99


@pytest.mark.django_db(transaction=True)
def test_a_response_is_dated_by_its_batch_not_by_the_day_its_person_sent(school):
    survey = SurveyFactory(school=school)
    question = QuestionFactory(survey=survey, type="likert5")
    for _ in range(12):
        response_submit(survey=survey, membership=PupilFactory(school=school), answers={question.pk: "3"})
    tomorrow = timezone.now() + timedelta(days=1)
    assert held_responses_move_all(now=tomorrow) == 7
    sent_on = set(SurveyCompletion.objects.filter(survey=survey).values_list("completed_on", flat=True))
    dated = set(Response.objects.filter(survey=survey).values_list("submitted_on", flat=True))
    assert dated == {timezone.localdate(tomorrow)} and not dated & sent_on


# --- (b) differencing: a CSV before and after each single send ----------------------------------------


def _answered(csv_text: str) -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    return {row["question number"]: row["answered"] for row in rows if row.get("question number")}


@pytest.mark.django_db(transaction=True)
def test_downloads_before_and_after_each_of_20_sends_isolate_nobody(school, client_for):
    survey = SurveyFactory(school=school)
    QuestionFactory(survey=survey, type="likert5")
    QuestionFactory(survey=survey, type="scale0_10")
    QuestionFactory(survey=survey, type="yes_no")
    QuestionFactory(survey=survey, type="short_text")
    questions = list(survey.questions.order_by("order"))
    staff = client_for(StaffFactory(school=school))
    url = reverse("evaluation:results_csv", args=[survey.pk])
    page_url = reverse("evaluation:results", args=[survey.pk])
    determined, steps = [], []
    for i in range(20):
        before, page_before = staff.get(url).content.decode(), staff.get(page_url).content.decode()
        count_before = Response.objects.filter(survey=survey).count()
        answers = {
            questions[0].pk: str(1 + i % 5),
            questions[1].pk: str(i % 11),
            questions[2].pk: str(i % 2),
            questions[3].pk: f"written-by-send-{i:02d}",
        }
        response_submit(survey=survey, membership=PupilFactory(school=school), answers=answers)
        held_responses_move_all()  # the worst case: the job runs right after every send
        after, page_after = staff.get(url).content.decode(), staff.get(page_url).content.decode()
        grew = Response.objects.filter(survey=survey).count() - count_before
        steps.append(grew)
        if before == after:
            continue
        # Something changed: it must be a step of at least 5 answers, in every figure that moved.
        for number, answered in _answered(after).items():
            old = _answered(before).get(number)
            if answered.isdigit() and old is not None and old.isdigit() and int(answered) - int(old) == 1:
                determined.append(i)
        if grew < BATCH_MIN:
            determined.append(i)
        new_texts = {t for t in _texts(page_after) if t not in _texts(page_before)}
        if 0 < len(new_texts) < BATCH_MIN:
            determined.append(i)
    assert determined == []
    assert set(steps) <= {0} | set(range(BATCH_MIN, 21)) and sum(steps) >= 10  # results did move, in steps


def _texts(page: str) -> set[str]:
    return {word for word in page.replace("<", " ").replace(">", " ").split() if word.startswith("written-by-send-")}


@pytest.mark.django_db
def test_the_results_page_says_when_it_was_updated_and_how_many_wait(school, client_for):
    survey = SurveyFactory(school=school)
    question = QuestionFactory(survey=survey, type="likert5")
    staff = client_for(StaffFactory(school=school))
    for _ in range(3):
        response_submit(survey=survey, membership=PupilFactory(school=school), answers={question.pk: "4"})
    page = staff.get(reverse("evaluation:results", args=[survey.pk])).content.decode()
    assert "Not updated yet" in page and "3 waiting" in page
    assert "hidden too, and a mean is shown only when every count behind it is" in page  # the rule, in one sentence
    held_responses_move(survey_id=survey.pk, final=True)
    page = staff.get(reverse("evaluation:results", args=[survey.pk])).content.decode()
    assert "Last updated" in page and "0 waiting" in page and "3 answers in these results" in page


# --- (c) solving the published figures -------------------------------------------------------------


def _published(staff, survey) -> list[dict]:
    """Per question: answered, the options' (label, people, share) and the mean, as the CSV says."""
    text = staff.get(reverse("evaluation:results_csv", args=[survey.pk])).content.decode()
    questions: dict[str, dict] = {}
    for row in csv.DictReader(io.StringIO(text)):
        if not row.get("question number"):
            continue
        q = questions.setdefault(row["question number"], {"answered": row["answered"], "options": [], "mean": None})
        if row["option"]:
            q["options"].append((row["option"], row["people"], row["share"]))
        elif row["mean"]:
            q["mean"] = row["mean"]
    return list(questions.values())


def _consistent(published: dict, values: list[int], *, adds_up: bool) -> list[tuple[int, ...]]:
    """Every count vector that reproduces the published figures exactly."""
    answered = int(published["answered"])
    cells = published["options"]
    ranges = []
    for _label, people, _share in cells:
        if people.isdigit():
            ranges.append([int(people)])
        elif people == SUPPRESSED_TEXT:
            ranges.append(range(1, 5))
        else:
            assert people == HIDDEN_TEXT
            ranges.append(range(answered + 1))
    found = []
    for vector in itertools.product(*ranges):
        total = sum(vector)
        if adds_up and total != answered:
            continue
        if not adds_up and (total < answered or max(vector) > answered):
            continue
        if any(
            people.isdigit() and share != f"{round(100 * count / answered)}%"
            for (_l, people, share), count in zip(cells, vector, strict=True)
        ):
            continue
        if published["mean"] not in (None, SUPPRESSED_TEXT, HIDDEN_TEXT):
            mean = sum(v * c for v, c in zip(values, vector, strict=True)) / answered
            if shown(mean, answered) != published["mean"]:
                continue
        found.append(vector)
    return found


LIKERT_VECTORS = [
    [0, 1, 7, 6, 3],  # a lone 1 next to counts that are shown: the undoing
    [0, 1, 0, 9, 3],
    [1, 1, 1, 1, 16],
    [4, 4, 0, 10, 2],
    [4, 0, 10, 0, 1],
    [2, 3, 0, 8, 9],
    [1, 0, 0, 0, 9],
    [0, 0, 0, 0, 20],
    [3, 3, 3, 3, 3],
    [0, 0, 4, 4, 12],
]


def _survey_with_counts(school, vectors: list[list[int]], kind: str = "likert5"):
    """A survey whose questions' answers, moved in, have exactly these counts per option."""
    survey = SurveyFactory(school=school, status="closed")
    questions = [QuestionFactory(survey=survey, type=kind) for _ in vectors]
    people = max(sum(vector) for vector in vectors)
    responses = Response.objects.bulk_create(
        [Response(survey=survey, submitted_on=timezone.localdate()) for _ in range(people)]
    )
    answers = []
    for question, vector in zip(questions, vectors, strict=True):
        values = [value for value, _label in question.options()]
        picks = [value for value, count in zip(values, vector, strict=True) for _ in range(count)]
        answers += [Answer(response=r, question=question, number=v) for r, v in zip(responses, picks, strict=False)]
    Answer.objects.bulk_create(answers)
    return survey, questions


@pytest.mark.django_db
def test_every_count_shown_as_fewer_than_5_has_at_least_two_possible_values(school, client_for):
    rng = random.Random(18)
    vectors = LIKERT_VECTORS + [[rng.choice([0, 0, 1, 2, 3, 4, 6, 9]) for _ in range(5)] for _ in range(30)]
    vectors = [v for v in vectors if sum(v) >= 5]
    survey, questions = _survey_with_counts(school, vectors)
    staff = client_for(StaffFactory(school=school))
    suppressed_cells = 0
    for question, vector, published in zip(questions, vectors, _published(staff, survey), strict=True):
        values = [value for value, _label in question.options()]
        solutions = _consistent(published, values, adds_up=True)
        assert tuple(vector) in solutions  # the solver is sound: the truth is among its answers
        for i, (_label, people, _share) in enumerate(published["options"]):
            if not people.isdigit():
                suppressed_cells += 1
                assert len({solution[i] for solution in solutions}) >= 2, (vector, published)
    assert suppressed_cells >= 20


@pytest.mark.django_db
def test_pick_any_counts_shown_as_fewer_than_5_keep_two_possible_values(school, client_for):
    survey = SurveyFactory(school=school, status="closed")
    question = QuestionFactory(survey=survey, type="multiple", choices=["Art", "Music", "Sport", "Drama"])
    picks = [[0], [0], [0], [0], [0, 1], [2], [2], [2], [2], [2], [0, 3]]
    responses = Response.objects.bulk_create(
        [Response(survey=survey, submitted_on=timezone.localdate()) for _ in picks]
    )
    Answer.objects.bulk_create(
        [Answer(response=r, question=question, picked=p) for r, p in zip(responses, picks, strict=False)]
    )
    (published,) = _published(client_for(StaffFactory(school=school)), survey)
    solutions = _consistent(published, [0, 1, 2, 3], adds_up=False)
    assert (6, 1, 5, 1) in solutions
    for i, (_label, people, _share) in enumerate(published["options"]):
        if not people.isdigit():
            assert len({solution[i] for solution in solutions}) >= 2, published


# --- (d) a crash between the mover's steps -----------------------------------------------------------


def _marked_survey(school, n: int):
    survey = SurveyFactory(school=school)
    question = QuestionFactory(survey=survey, type="short_text")
    for i in range(n):
        response_submit(survey=survey, membership=PupilFactory(school=school), answers={question.pk: f"answer-{i}"})
    return survey, question


def _stored_once(survey, question, n: int) -> None:
    stored = list(Answer.objects.filter(question=question).values_list("text", flat=True))
    held = [
        item["text"]
        for answers in HeldResponse.objects.filter(survey=survey).values_list("answers", flat=True)
        for item in answers
    ]
    assert sorted(stored + held) == sorted(f"answer-{i}" for i in range(n))  # each exactly once


class Crash(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_an_error_between_insert_and_delete_loses_and_doubles_nothing(school, monkeypatch):
    survey, question = _marked_survey(school, 12)

    def crash():
        assert Answer.objects.filter(question=question).count() >= 7  # the insert has happened
        raise Crash

    monkeypatch.setattr(holding, "_after_insert", crash)
    with pytest.raises(Crash):
        held_responses_move(survey_id=survey.pk)
    _stored_once(survey, question, 12)
    assert HeldResponse.objects.filter(survey=survey).count() == 12
    monkeypatch.undo()
    assert held_responses_move(survey_id=survey.pk) == 7
    _stored_once(survey, question, 12)
    assert held_responses_move(survey_id=survey.pk, final=True) == 5
    _stored_once(survey, question, 12)
    assert Response.objects.filter(survey=survey).count() == 12


@pytest.mark.django_db(transaction=True)
def test_an_error_in_the_ballot_mover_counts_every_ballot_once(project, monkeypatch):
    ideas = [IdeaFactory(project=project, is_shortlisted=True) for _ in range(2)]
    decision = DecisionFactory(project=project, options=ideas)
    for i in range(12):
        ballot_cast(
            decision=decision, voter=ProjectMembershipFactory(project=project).membership, choices=[ideas[i % 2].pk]
        )
    receipts = sorted(HeldBallot.objects.values_list("receipt", flat=True))
    monkeypatch.setattr(ballot_holding, "_after_insert", lambda: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        held_ballots_move(decision_id=decision.pk)
    assert not Ballot.objects.exists() and HeldBallot.objects.count() == 12
    monkeypatch.undo()
    held_ballots_move(decision_id=decision.pk, final=True)
    assert sorted(Ballot.objects.values_list("receipt", flat=True)) == receipts and not HeldBallot.objects.exists()


KILLED_MOVER = """
import os, signal, django
django.setup()
from evaluation import holding
def die():
    os.kill(os.getpid(), signal.SIGKILL)  # no rollback, no goodbye: the server loses the connection
holding._after_insert = die
holding.held_responses_move(survey_id={survey_id})
"""


@pytest.mark.django_db(transaction=True)
def test_a_mover_killed_between_insert_and_delete_loses_and_doubles_nothing(school):
    survey, question = _marked_survey(school, 14)
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_SETTINGS_MODULE": "coproschool.settings",
    }
    process = subprocess.run(
        [sys.executable, "-c", KILLED_MOVER.format(survey_id=survey.pk)],
        cwd=REPO,
        env=env,
        timeout=120,
        capture_output=True,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr.decode()[-2000:]
    _stored_once(survey, question, 14)
    assert HeldResponse.objects.filter(survey=survey).count() == 14  # the kill rolled the whole move back
    assert held_responses_move(survey_id=survey.pk) == 9
    assert held_responses_move(survey_id=survey.pk, final=True) == 5
    _stored_once(survey, question, 14)
