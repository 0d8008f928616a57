import ast
import pathlib

import pytest

from projects.errors import GateNotMet, NotAllowed
from projects.gates import GATES, gate_problems, register_gate
from projects.models import ProjectRole, Stage, StageProposal, StageTransition
from projects.services.stages import project_move_stage, stage_confirm, stage_propose
from tests.factories import IdeaFactory, ProjectMembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _forward(project, lead, facilitator):
    proposal = stage_propose(project=project, actor=lead, reason="We are ready")
    return stage_confirm(proposal=proposal, actor=facilitator)


def test_lead_proposes_and_facilitator_confirms_a_move(ready_project, lead, facilitator):
    transition = _forward(ready_project, lead, facilitator)
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_DESIGN
    assert (transition.from_stage, transition.to_stage) == (Stage.CO_IDENTIFY, Stage.CO_DESIGN)
    assert transition.actor == facilitator and transition.proposed_by == lead
    assert transition.reason == "We are ready" and not transition.is_override
    assert StageProposal.objects.get().status == StageProposal.Status.CONFIRMED


def test_facilitator_proposes_and_lead_confirms(ready_project, lead, facilitator):
    _forward(ready_project, facilitator, lead)
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_DESIGN


def test_proposer_cannot_confirm_their_own_proposal(ready_project, lead):
    proposal = stage_propose(project=ready_project, actor=lead)
    with pytest.raises(NotAllowed, match="Someone else must confirm"):
        stage_confirm(proposal=proposal, actor=lead)


def test_two_facilitators_cannot_move_without_a_lead(ready_project, facilitator):
    other = StaffFactory(school=ready_project.school)
    ProjectMembershipFactory(project=ready_project, membership=other, role=ProjectRole.FACILITATOR)
    proposal = stage_propose(project=ready_project, actor=facilitator)
    with pytest.raises(NotAllowed, match="pupil lead and a facilitator"):
        stage_confirm(proposal=proposal, actor=other)


def test_plain_member_cannot_propose(ready_project):
    member = ProjectMembershipFactory(project=ready_project, role=ProjectRole.MEMBER).membership
    with pytest.raises(NotAllowed):
        stage_propose(project=ready_project, actor=member)


def test_a_facilitator_alone_cannot_move_forward_without_override(ready_project, facilitator):
    with pytest.raises(NotAllowed, match="one proposes, the other confirms"):
        project_move_stage(project=ready_project, actor=facilitator, to_stage=Stage.CO_DESIGN)


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("need", "Link at least one need"),
        ("lead", "needs a pupil lead"),
        ("facilitator", "needs a staff facilitator"),
        ("statement", '"what you get back"'),
    ],
)
def test_co_identify_gate_fails_with_its_message(ready_project, lead, facilitator, missing, message):
    if missing == "need":
        ready_project.needs.clear()
    elif missing == "statement":
        ready_project.what_you_get_back = "  "
        ready_project.save()
    if missing in ("lead", "facilitator"):
        # Without one of them nobody can propose and confirm, so read the gate itself (and override).
        ready_project.memberships.filter(role=missing).delete()
        assert any(message in problem for problem in gate_problems(ready_project))
        return
    proposer, confirmer = lead, facilitator
    with pytest.raises(GateNotMet, match=message):
        stage_propose(project=ready_project, actor=proposer)
    # The gate is checked again on confirmation, too.
    StageProposal.objects.create(
        project=ready_project, proposed_by=proposer, from_stage=Stage.CO_IDENTIFY, to_stage=Stage.CO_DESIGN
    )
    with pytest.raises(GateNotMet, match=message):
        stage_confirm(proposal=StageProposal.objects.get(), actor=confirmer)
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_IDENTIFY
    assert not StageTransition.objects.exists()


def test_gate_lists_every_unmet_condition(project, lead, facilitator):
    with pytest.raises(GateNotMet) as failure:
        stage_propose(project=project, actor=lead)
    assert len(failure.value.problems) == 2  # no need, no statement


def test_co_design_gate_needs_two_shortlisted_ideas(ready_project, lead, facilitator, move_to):
    move_to(ready_project, Stage.CO_DESIGN)
    IdeaFactory(project=ready_project, is_shortlisted=True)
    IdeaFactory(project=ready_project)  # not shortlisted: does not count
    with pytest.raises(GateNotMet, match="Shortlist at least 2 ideas for the decision \\(now 1\\)"):
        stage_propose(project=ready_project, actor=lead)
    IdeaFactory(project=ready_project, is_shortlisted=True)
    _forward(ready_project, lead, facilitator)
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_DECIDE


def test_hidden_shortlisted_ideas_do_not_count(ready_project, lead, move_to):
    from django.utils import timezone

    move_to(ready_project, Stage.CO_DESIGN)
    IdeaFactory(project=ready_project, is_shortlisted=True)
    IdeaFactory(project=ready_project, is_shortlisted=True, hidden_at=timezone.now())
    with pytest.raises(GateNotMet, match="now 1"):
        stage_propose(project=ready_project, actor=lead)


def test_every_gate_is_built_once_the_apps_are_loaded(ready_project, lead, move_to):
    """No placeholder is left: the co-evaluate gate is evaluation's sign-off gate (evaluation.stage_hooks)."""
    assert not [stage for stage, gate in GATES.items() if getattr(gate, "not_available_yet", False)]
    move_to(ready_project, Stage.CO_EVALUATE)
    with pytest.raises(GateNotMet, match="A leader must sign off the evaluation report"):
        stage_propose(project=ready_project, actor=lead)


def test_a_later_issue_registers_its_gate_in_the_one_table(ready_project, lead, facilitator, move_to):
    move_to(ready_project, Stage.CO_DECIDE)
    original = GATES[Stage.CO_DECIDE]
    try:
        register_gate(Stage.CO_DECIDE)(lambda project: [])
        _forward(ready_project, lead, facilitator)
    finally:
        GATES[Stage.CO_DECIDE] = original
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_DELIVER


def test_override_needs_a_reason(project, facilitator):
    with pytest.raises(NotAllowed, match="written reason"):
        project_move_stage(project=project, actor=facilitator, to_stage=Stage.CO_DESIGN, override=True, reason=" ")


def test_override_is_recorded_with_its_reason(project, facilitator):
    transition = project_move_stage(
        project=project, actor=facilitator, to_stage=Stage.CO_DESIGN, override=True, reason="Term ends Friday"
    )
    project.refresh_from_db()
    assert project.stage == Stage.CO_DESIGN
    assert transition.is_override and transition.reason == "Term ends Friday" and transition.actor == facilitator


def test_only_a_facilitator_may_override(ready_project, lead):
    with pytest.raises(NotAllowed, match="Only a facilitator"):
        project_move_stage(project=ready_project, actor=lead, to_stage=Stage.CO_DESIGN, override=True, reason="x")


def test_backward_move_needs_a_reason_and_is_recorded(ready_project, lead, move_to):
    move_to(ready_project, Stage.CO_DECIDE)
    with pytest.raises(NotAllowed, match="Say why"):
        project_move_stage(project=ready_project, actor=lead, to_stage=Stage.CO_DESIGN)
    transition = project_move_stage(
        project=ready_project, actor=lead, to_stage=Stage.CO_DESIGN, reason="The vote showed a new idea"
    )
    ready_project.refresh_from_db()
    assert ready_project.stage == Stage.CO_DESIGN
    assert (transition.from_stage, transition.to_stage, transition.is_override) == (
        Stage.CO_DECIDE,
        Stage.CO_DESIGN,
        False,
    )


def test_cannot_skip_a_stage(ready_project, facilitator):
    with pytest.raises(NotAllowed, match="only move on to Co-design"):
        project_move_stage(
            project=ready_project, actor=facilitator, to_stage=Stage.CO_DECIDE, override=True, reason="x"
        )


def test_non_member_cannot_move_a_stage(ready_project):
    outsider = StaffFactory(school=ready_project.school)
    with pytest.raises(NotAllowed):
        project_move_stage(project=ready_project, actor=outsider, to_stage=Stage.CO_DESIGN, override=True, reason="x")


def test_a_move_settles_an_open_proposal(ready_project, lead, facilitator):
    stage_propose(project=ready_project, actor=lead)
    project_move_stage(project=ready_project, actor=facilitator, to_stage=Stage.CO_DESIGN, override=True, reason="x")
    assert StageProposal.objects.get().status == StageProposal.Status.WITHDRAWN


def test_no_other_module_assigns_project_stage():
    """Only projects/services/stages.py writes `.stage` (attribute assignment, `.update(stage=...)`)."""
    root = pathlib.Path(__file__).resolve().parents[2]
    allowed = root / "projects" / "services" / "stages.py"
    offenders = []
    for path in root.rglob("*.py"):
        parts = set(path.relative_to(root).parts)
        if path == allowed or parts & {"migrations", ".venv", "node_modules", "tests"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            targets = []
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Attribute) and t.attr == "stage" for t in targets):
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "update"
                and any(k.arg == "stage" for k in node.keywords)
            ):
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == [], f"Only projects/services/stages.py may write Project.stage: {offenders}"
