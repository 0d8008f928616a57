"""Budget ballots add up: the ballot says the budget and each cost, the server refuses a ballot over budget
with the amount over, and the rule that turns ballots into funded ideas is the one pupils read."""

import re
from decimal import Decimal
from itertools import combinations
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from projects.errors import NotAllowed
from projects.models import Ballot
from projects.services.voting import ballot_cast, decision_close
from projects.voting import registry
from tests.factories import DecisionFactory, IdeaFactory, ProjectMembershipFactory
from tests.holding import held_flush

pytestmark = pytest.mark.django_db

OVER = "Your choices cost £320: that is £70 over the £250 budget. Untick something."


def _ideas(project, costs):
    return [
        IdeaFactory(project=project, is_shortlisted=True, title=f"Plan {name}", cost_money=cost)
        for name, cost in costs.items()
    ]


@pytest.fixture
def ideas(project):
    return _ideas(project, {"A": 200, "B": 120, "C": Decimal("12.50")})


@pytest.fixture
def decision(project, ideas):
    return DecisionFactory(project=project, options=ideas, method="budget", budget=250)


def _voter(project):
    return ProjectMembershipFactory(project=project).membership


def _vote(client, decision, ideas, **headers):
    return client.post(
        reverse("projects:decision_vote", args=[decision.pk]), {"choices": [i.pk for i in ideas]}, **headers
    )


def test_the_ballot_says_the_budget_and_each_cost_without_javascript(client_for, project, decision, ideas):
    page = client_for(_voter(project)).get(reverse("projects:decision_detail", args=[decision.pk])).text
    assert "The budget is £250. Each idea's cost is next to it" in page
    assert "Plan A (£200)" in page and "Plan C (£12.50)" in page
    assert 'data-cost="200.00"' in page and 'data-budget="250.00"' in page and 'aria-live="polite"' in page
    assert "js/budget_ballot.js" in page


def test_other_methods_ballots_do_not_load_the_running_total(client_for, project, ideas):
    decision = DecisionFactory(project=project, options=ideas)
    page = client_for(_voter(project)).get(reverse("projects:decision_detail", args=[decision.pk])).text
    assert "budget_ballot.js" not in page and "data-budget" not in page


def test_a_ballot_over_budget_is_refused_with_the_amount_over(client_for, project, decision, ideas):
    client = client_for(_voter(project))
    response = _vote(client, decision, ideas[:2])
    assert response.status_code == 400
    assert OVER in response.text
    assert not Ballot.objects.exists()

    in_place = _vote(client, decision, ideas[:2], HTTP_HX_REQUEST="true")
    assert in_place.status_code == 200 and OVER in in_place.text
    assert "budget_ballot.js" not in in_place.text  # the page loaded it once already
    assert not Ballot.objects.exists()


def test_a_ballot_that_spends_the_whole_budget_is_accepted(client_for, project, decision, ideas):
    exact = _ideas(project, {"D": 50})[0]
    decision.options.add(exact)
    response = _vote(client_for(_voter(project)), decision, [ideas[0], exact])
    assert response.status_code == 200 and "Your vote is in" in response.text  # with the receipt, shown once
    held_flush()
    assert Ballot.objects.count() == 1


def test_the_service_refuses_an_over_budget_ballot_too(project, decision, ideas):
    with pytest.raises(NotAllowed, match=re.escape("£332.50: that is £82.50 over the £250 budget")):
        ballot_cast(decision=decision, voter=_voter(project), choices=[i.pk for i in ideas])
    assert not Ballot.objects.exists()


def _funded_rows(page: str) -> list[tuple[str, int, str]]:
    """The result table's rows, in the order the count took them: (idea, votes, funded column)."""
    row = r'<th scope="row" class="fw-normal">(.*?)</th><td class="text-end">(\d+)</td>.*?<td>(.*?)</td>'
    return [(title, int(votes), funded) for title, votes, funded in re.findall(row, page, re.S)]


def test_the_result_funds_what_the_explanation_says_not_the_most_ideas(client_for, project):
    """Greedy by support (ties: the cheaper first) funds A and C; the most ideas within £260 would be B, C, D."""
    a, b, c, d, e = _ideas(project, {"A": 200, "B": 60, "C": 50, "D": 40, "E": 10})
    decision = DecisionFactory(project=project, options=[a, b, c, d, e], method="budget", budget=260)
    for ballot in ([a, b], [a, c], [a, d], [b, c]):  # A 3 votes, B and C 2 each, D 1, E none
        assert "Your vote is in" in _vote(client_for(_voter(project)), decision, ballot).text
    cost = {"A": 200, "B": 60, "C": 50, "D": 40, "E": 10}
    within = [set(combo) for n in range(6) for combo in combinations(cost, n) if sum(cost[x] for x in combo) <= 260]
    most_ideas = max(within, key=len)
    assert most_ideas == {"B", "C", "D", "E"}  # what "approve ideas within the budget" would suggest
    decision_close(decision=decision)

    page = client_for(_voter(project)).get(reverse("projects:decision_detail", args=[decision.pk])).text
    explanation = registry.get("budget").explanation
    assert explanation in page  # the same words as on the ballot, next to the count they explain
    # "we spend the money starting with the idea that has the most votes" / "the cheaper one goes first"
    assert [(title, votes) for title, votes, _ in _funded_rows(page)] == [
        ("Plan A", 3),
        ("Plan C", 2),
        ("Plan B", 2),
        ("Plan D", 1),
        ("Plan E", 0),
    ]
    funded = {title: column for title, _, column in _funded_rows(page)}
    # "If it costs more, it is skipped and we try the next idea": B (£60) and D (£40) no longer fit £10.
    assert funded == {
        "Plan A": "Yes",
        "Plan C": "Yes",
        "Plan B": "No: does not fit what is left",
        "Plan D": "No: does not fit what is left",
        # "An idea with no votes is never funded", though £10 would fit.
        "Plan E": "No: nobody supported it",
    }
    assert "Chosen: Plan A, Plan C" in page and "Budget £260 · spent £250" in page
    assert "starting with the idea that has the most votes" in explanation
    assert "When two ideas have the same number of votes, the cheaper one goes first" in explanation
    assert "An idea with no votes is never funded" in explanation


def test_the_explanation_is_written_once_in_the_method_module():
    phrase = "it is skipped and we try the next idea"
    sources = [
        path.relative_to(settings.BASE_DIR).as_posix()
        for app in ("coproschool", "audit", "people", "projects", "evaluation", "bench", "front", "templates")
        for path in (Path(settings.BASE_DIR) / app).rglob("*")
        if path.suffix in {".py", ".html", ".txt"} and phrase in path.read_text(encoding="utf-8")
    ]
    assert sources == ["projects/voting/methods/budget.py"]


def test_the_method_is_named_for_what_the_count_does():
    label = dict(registry.method_choices())["budget"]
    assert "within the budget" not in label and "most supported" in label
