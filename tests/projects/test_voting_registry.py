"""A voting method is one module: a method registered here, in the test, goes through the whole of co-decide.

Nothing outside this file knows the method "pick one": setting a decision up with it, the ballot,
the close and the result page all come from the registry.
"""

from collections import Counter
from datetime import timedelta

import pytest
from django import forms
from django.template import Template
from django.urls import reverse
from django.utils import timezone

from projects.errors import NotAllowed
from projects.models import Decision, Stage, VoterRecord
from projects.services.voting import decision_close
from projects.voting import registry
from tests.factories import IdeaFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db


class PickOneBallot(registry.BallotForm):
    def __init__(self, *args, ideas, current, **kwargs):
        super().__init__(*args, ideas=ideas, current=current, **kwargs)
        self.fields["pick"] = forms.TypedChoiceField(
            label="Your one idea", coerce=int, choices=[(i.pk, i.title) for i in ideas], widget=forms.RadioSelect
        )

    def choices(self) -> list[int]:
        return [self.cleaned_data["pick"]]


class PickOne(registry.VotingMethod):
    key = "pickone"
    label = "Pick one (the idea most people pick)"
    explanation = "Pick one: you choose a single idea; the idea picked most often wins."
    ballot_help = "Choose exactly one idea."
    ballot_form_class = PickOneBallot
    result_template = Template(
        "{% for row in result.rows %}<p>Picked: {{ row.idea.title }} picked by {{ row.n }}</p>{% endfor %}"
    )

    def check_setup(self, *, project, rules):
        if len(rules.options) > 2:
            raise NotAllowed("Pick one takes two ideas only.")
        return None

    def count(self, *, ballots, options, decision):
        counts = Counter(ballot[0] for ballot in ballots if ballot)
        rows = sorted(({"idea": pk, "n": counts[pk]} for pk, _ in options), key=lambda row: -row["n"])
        return {"method": self.key, "ballots": sum(counts.values()), "rows": rows}

    def present(self, result, ideas):
        rows = [{**row, "idea": ideas[row["idea"]]} for row in result["rows"]]
        return {"rows": rows, "winners": [rows[0]["idea"]] if rows[0]["n"] else []}


@pytest.fixture
def pick_one(monkeypatch):
    """Registers PickOne for this test only: the registry goes back to the three real methods afterwards."""
    monkeypatch.setattr(registry, "_methods", dict(registry._methods))
    return registry.register(PickOne())


def test_a_method_registered_in_a_test_goes_from_set_up_to_the_result_page(
    client_for, project, lead, facilitator, move_to, pick_one
):
    plans = [IdeaFactory(project=project, is_shortlisted=True, title=f"Plan {n}") for n in "ABC"]
    move_to(project, Stage.CO_DECIDE)
    create_url = reverse("projects:decision_create", args=[project.pk])
    client = client_for(lead)
    assert "Pick one (the idea most people pick)" in client.get(create_url).content.decode()

    now = timezone.localtime()
    setup = {
        "title": "Which plan?",
        "method": "pickone",
        "electorate_project_members": "on",
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    refused = client.post(create_url, {**setup, "options": [p.pk for p in plans]})
    assert "Pick one takes two ideas only." in refused.content.decode()
    assert not Decision.objects.exists()

    response = client.post(create_url, {**setup, "options": [plans[0].pk, plans[1].pk]})
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.method == "pickone"

    detail_url = reverse("projects:decision_detail", args=[decision.pk])
    vote_url = reverse("projects:decision_vote", args=[decision.pk])
    voter = ProjectMembershipFactory(project=project).membership
    ballot_page = client_for(voter).get(detail_url).content.decode()
    assert "Your one idea" in ballot_page and "Choose exactly one idea." in ballot_page
    assert "the idea picked most often wins" in ballot_page
    assert "Your vote is in" in client_for(voter).post(vote_url, {"pick": plans[1].pk}).text
    assert "Your vote is in" in client_for(lead).post(vote_url, {"pick": plans[1].pk}).text
    assert VoterRecord.objects.filter(decision=decision).count() == 2

    assert decision_close(decision=decision)
    result_page = client_for(voter).get(detail_url).content.decode()
    assert "2 ballots counted." in result_page
    assert "Chosen: Plan B" in result_page
    assert "Picked: Plan B picked by 2" in result_page and "Picked: Plan A picked by 0" in result_page
    assert "the idea picked most often wins" in result_page
    assert "Pick one (the idea most people pick)" in result_page  # the method's name on the page


def test_a_key_too_long_for_the_database_is_refused(pick_one):
    class TooLong(PickOne):
        key = "a-very-long-key"

    with pytest.raises(ValueError, match="at most 10 characters"):
        registry.register(TooLong())


def test_the_same_key_cannot_be_registered_twice(pick_one):
    with pytest.raises(ValueError, match="registered already"):
        registry.register(PickOne())
