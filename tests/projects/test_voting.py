"""The voting service: setting up, one ballot per voter, eligibility, closing and adoption."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from audit.models import LogEntry
from people.models import Membership, Notification, OutboxMessage
from projects.errors import GateNotMet, NotAllowed
from projects.models import (
    Adoption,
    Ballot,
    Charter,
    Decision,
    DecisionStatus,
    ProjectMembership,
    Stage,
    VoterRecord,
)
from projects.services.stages import gate_problems, project_move_stage
from projects.services.voting import (
    DecisionRules,
    ballot_cast,
    decision_close,
    decision_create,
    decision_record_adoption,
    decision_update,
    decisions_close_due,
)
from projects.tasks import close_decision, close_due_decisions
from tests.factories import (
    DecisionFactory,
    IdeaFactory,
    LeaderFactory,
    ParentFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
)
from tests.holding import held_flush

pytestmark = pytest.mark.django_db


@pytest.fixture
def deciding(ready_project, move_to):
    move_to(ready_project, Stage.CO_DESIGN)
    ideas = [IdeaFactory(project=ready_project, is_shortlisted=True, cost_money=Decimal(c)) for c in ("60", "30", "20")]
    move_to(ready_project, Stage.CO_DECIDE)
    ready_project.ideas_for_vote = ideas
    return ready_project


def _rules(ideas, **changes):
    now = timezone.now()
    values = {
        "title": "Which fountain plan?",
        "method": "approval",
        "options": ideas,
        "opens_at": now - timedelta(minutes=1),
        "closes_at": now + timedelta(days=3),
    } | changes
    return DecisionRules(**values)


@pytest.fixture
def decision(deciding, facilitator):
    return decision_create(project=deciding, actor=facilitator, rules=_rules(deciding.ideas_for_vote))


@pytest.fixture
def voter(deciding):
    return ProjectMembershipFactory(project=deciding).membership


def test_lead_sets_up_a_decision_on_shortlisted_ideas(deciding, lead):
    decision = decision_create(project=deciding, actor=lead, rules=_rules(deciding.ideas_for_vote))
    assert set(decision.options.all()) == set(deciding.ideas_for_vote)
    assert decision.status == DecisionStatus.OPEN and len(decision.ballot_salt) == 64


def test_plain_member_cannot_set_up_a_decision(deciding, voter):
    with pytest.raises(NotAllowed, match="leads and facilitators"):
        decision_create(project=deciding, actor=voter, rules=_rules(deciding.ideas_for_vote))


def test_an_idea_that_is_not_shortlisted_cannot_be_an_option(deciding, lead):
    idea = IdeaFactory(project=deciding)
    with pytest.raises(NotAllowed, match="not a shortlisted idea"):
        decision_create(project=deciding, actor=lead, rules=_rules([*deciding.ideas_for_vote, idea]))


def test_budget_method_takes_the_charters_budget_and_needs_every_cost(deciding, lead):
    Charter.objects.create(school=deciding.school, term="Spring", may_decide="Fountains", budget_money=Decimal("80"))
    decision = decision_create(project=deciding, actor=lead, rules=_rules(deciding.ideas_for_vote, method="budget"))
    assert decision.budget == Decimal("80")
    uncosted = IdeaFactory(project=deciding, is_shortlisted=True)
    with pytest.raises(NotAllowed, match="needs a cost for every idea"):
        decision_create(
            project=deciding, actor=lead, rules=_rules([*deciding.ideas_for_vote, uncosted], method="budget")
        )


def test_a_ballot_is_final_once_cast_and_stays_one(decision, deciding, voter):
    first, second, _ = deciding.ideas_for_vote
    ballot_cast(decision=decision, voter=voter, choices=[first.pk])
    with pytest.raises(NotAllowed, match="final once it is cast"):
        ballot_cast(decision=decision, voter=voter, choices=[second.pk])
    held_flush()
    assert list(Ballot.objects.values_list("choices", flat=True)) == [[first.pk]]
    assert VoterRecord.objects.filter(decision=decision, membership=voter).count() == 1


def test_the_database_refuses_a_second_voter_record(decision, voter):
    VoterRecord.objects.create(decision=decision, membership=voter, voted_on=timezone.localdate())
    with pytest.raises(IntegrityError):
        VoterRecord.objects.create(decision=decision, membership=voter, voted_on=timezone.localdate())


def test_someone_outside_the_electorate_cannot_vote(decision, deciding):
    outsider = PupilFactory(school=deciding.school, year_group=9)
    with pytest.raises(NotAllowed, match="not in the group"):
        ballot_cast(decision=decision, voter=outsider, choices=[deciding.ideas_for_vote[0].pk])


def test_year_groups_and_whole_school_roles_join_the_electorate(deciding, lead):
    rules = _rules(
        deciding.ideas_for_vote,
        electorate_project_members=False,
        electorate_year_groups=(7,),
        electorate_roles=("parent",),
    )
    decision = decision_create(project=deciding, actor=lead, rules=rules)
    year7 = PupilFactory(school=deciding.school, year_group=7)
    parent = ParentFactory(school=deciding.school)
    year9 = PupilFactory(school=deciding.school, year_group=9)
    ballot_cast(decision=decision, voter=year7, choices=[deciding.ideas_for_vote[0].pk])
    ballot_cast(decision=decision, voter=parent, choices=[deciding.ideas_for_vote[0].pk])
    with pytest.raises(NotAllowed):
        ballot_cast(decision=decision, voter=year9, choices=[deciding.ideas_for_vote[0].pk])
    with pytest.raises(NotAllowed):  # a project member, but members are not in this electorate
        ballot_cast(decision=decision, voter=lead, choices=[deciding.ideas_for_vote[0].pk])
    assert decision.electorate_label() == "Year 7, parents"


def test_choices_must_be_options(decision, voter):
    stranger = IdeaFactory()
    with pytest.raises(NotAllowed, match="this decision's ideas"):
        ballot_cast(decision=decision, voter=voter, choices=[stranger.pk])
    with pytest.raises(NotAllowed, match="at least one"):
        ballot_cast(decision=decision, voter=voter, choices=[])


def test_rules_cannot_change_after_the_first_ballot(decision, deciding, facilitator, voter):
    decision_update(decision=decision, actor=facilitator, rules=_rules(deciding.ideas_for_vote, title="Renamed"))
    ballot_cast(decision=decision, voter=voter, choices=[deciding.ideas_for_vote[0].pk])
    with pytest.raises(NotAllowed, match="already voted"):
        decision_update(decision=decision, actor=facilitator, rules=_rules(deciding.ideas_for_vote, method="ranked"))
    decision.refresh_from_db()
    assert (decision.title, decision.method) == ("Renamed", "approval")


def test_voting_is_refused_before_opening_and_after_closing_time(deciding, lead, voter):
    later = _rules(deciding.ideas_for_vote, opens_at=timezone.now() + timedelta(hours=1))
    decision = decision_create(project=deciding, actor=lead, rules=later)
    with pytest.raises(NotAllowed, match="not open"):
        ballot_cast(decision=decision, voter=voter, choices=[deciding.ideas_for_vote[0].pk])
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - timedelta(days=2), closes_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(NotAllowed, match="not open"):
        ballot_cast(decision=decision, voter=voter, choices=[deciding.ideas_for_vote[0].pk])


def test_closing_publishes_the_result_and_cuts_every_link(decision, deciding, voter, lead):
    first, second, _ = deciding.ideas_for_vote
    ballot_cast(decision=decision, voter=voter, choices=[first.pk, second.pk])
    ballot_cast(decision=decision, voter=lead, choices=[first.pk])
    assert decision_close(decision=decision) is True
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CLOSED and decision.ballot_salt == ""
    assert not decision.held_ballots.exists() and Ballot.objects.count() == 2
    assert decision.result["winners"] == [first.pk]
    assert decision.result["ballots"] == 2


def test_closing_twice_changes_nothing(decision, deciding, voter):
    ballot_cast(decision=decision, voter=voter, choices=[deciding.ideas_for_vote[0].pk])
    assert decision_close(decision=decision) is True
    decision.refresh_from_db()
    before = (decision.closed_at, decision.result, decision.status)
    Ballot.objects.create(decision=decision, choices=[deciding.ideas_for_vote[1].pk])  # would change a recount
    assert decision_close(decision=decision) is False
    decision.refresh_from_db()
    assert (decision.closed_at, decision.result, decision.status) == before


def test_no_ballot_after_close(decision, deciding, voter):
    decision_close(decision=decision)
    with pytest.raises(NotAllowed, match="not open"):
        ballot_cast(decision=decision, voter=voter, choices=[deciding.ideas_for_vote[0].pk])


def test_the_periodic_task_closes_due_decisions_once(decision, deciding, lead, django_capture_on_commit_callbacks):
    due = decision_create(project=deciding, actor=lead, rules=_rules(deciding.ideas_for_vote))
    Decision.objects.filter(pk=due.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert close_due_decisions.delay().get() == 1
    assert OutboxMessage.objects.get(task_name="projects.close_decision").kwargs == {"decision_id": due.pk}
    assert Decision.objects.get(pk=due.pk).status == DecisionStatus.CLOSED
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.OPEN
    assert decisions_close_due() == 0
    assert close_decision.delay(decision_id=due.pk).get() is False  # a retried task closes nothing twice


def test_closing_tells_every_eligible_voter_once(decision, deciding, voter, lead, facilitator):
    decision_close(decision=decision)
    decision_close(decision=decision)
    notified = Notification.objects.filter(subject=f"projects.decision:{decision.pk}")
    assert sorted(notified.values_list("recipient_id", flat=True)) == sorted([voter.pk, lead.pk, facilitator.pk])
    assert notified.first().url == decision.get_absolute_url()


def test_not_adopting_needs_a_reason_from_a_leader(decision, deciding, lead):
    leader = LeaderFactory(school=deciding.school)
    with pytest.raises(NotAllowed, match="once the vote has closed"):
        decision_record_adoption(decision=decision, actor=leader, adopted=False, reason="Too dear")
    decision_close(decision=decision)
    with pytest.raises(NotAllowed, match="Only the school's leaders"):
        decision_record_adoption(decision=decision, actor=lead, adopted=True)
    with pytest.raises(NotAllowed, match="Say why"):
        decision_record_adoption(decision=decision, actor=leader, adopted=False, reason="  ")
    decision = decision_record_adoption(decision=decision, actor=leader, adopted=False, reason="The site is listed.")
    assert (decision.adoption, decision.adoption_reason, decision.adoption_by) == (
        Adoption.NOT_ADOPTED,
        "The site is listed.",
        leader,
    )
    (logged,) = LogEntry.objects.filter(verb="decision.adoption")  # the one audit log, without the reason
    assert logged.actor == leader.user and logged.data == {"adopted": False}


def test_co_decide_gate_needs_a_closed_decision(decision, deciding, lead, facilitator):
    assert gate_problems(deciding) == ["Close a decision: the group's vote must have closed before delivery starts."]
    with pytest.raises(GateNotMet):
        project_move_stage(project=deciding, actor=facilitator, to_stage=Stage.CO_DELIVER, proposed_by=lead)
    decision_close(decision=decision)
    assert gate_problems(deciding) == []
    project_move_stage(project=deciding, actor=facilitator, to_stage=Stage.CO_DELIVER, proposed_by=lead)
    deciding.refresh_from_db()
    assert deciding.stage == Stage.CO_DELIVER


@pytest.mark.parametrize(
    "electorate",
    [
        {"electorate_project_members": True},
        {"electorate_project_members": False, "electorate_year_groups": [7]},
        {"electorate_project_members": False, "electorate_roles": ["staff"]},
        {"electorate_project_members": True, "electorate_year_groups": [8], "electorate_roles": ["parent"]},
    ],
)
def test_admitting_one_person_agrees_with_the_electorate_query(electorate):
    decision = DecisionFactory(**electorate)
    school = decision.project.school
    people = [
        ProjectMembershipFactory(project=decision.project).membership,
        PupilFactory(school=school, year_group=7),
        PupilFactory(school=school, year_group=8),
        PupilFactory(school=school, year_group=7, is_active=False),
        StaffFactory(school=school),
        LeaderFactory(school=school),
        ParentFactory(school=school),
        PupilFactory(year_group=7),  # another school
    ]
    members = set(ProjectMembership.objects.filter(project=decision.project).values_list("membership", flat=True))
    by_query = set(Membership.objects.filter(decision.electorate_q()).values_list("pk", flat=True))
    by_person = {p.pk for p in people if decision.admits(p, in_project=p.pk in members)}
    assert by_person == by_query & {p.pk for p in people}
    assert by_person  # every electorate above admits someone
