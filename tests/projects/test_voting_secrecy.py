"""Secret ballots: no page, export or admin page links a named voter to their choice."""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone

from projects.models import Ballot, DecisionStatus, VoterRecord
from projects.services.voting import ballot_cast, decision_close
from tests.factories import DecisionFactory, IdeaFactory, LeaderFactory, ProjectMembershipFactory, PupilFactory
from tests.holding import held_flush

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(project, facilitator):
    """Two pupils vote for different, distinctively named ideas."""
    alice = PupilFactory(school=project.school, user__first_name="Alice", user__last_name="Ashdown")
    bob = PupilFactory(school=project.school, user__first_name="Bob", user__last_name="Brierley")
    for pupil in (alice, bob):
        ProjectMembershipFactory(project=project, membership=pupil)
    garden = IdeaFactory(project=project, is_shortlisted=True, title="Zebra garden")
    mural = IdeaFactory(project=project, is_shortlisted=True, title="Quokka mural")
    decision = DecisionFactory(project=project, options=[garden, mural])
    ballot_cast(decision=decision, voter=alice, choices=[garden.pk])
    ballot_cast(decision=decision, voter=bob, choices=[mural.pk])
    return {"decision": decision, "alice": alice, "bob": bob, "garden": garden, "mural": mural}


def test_a_ballot_has_no_field_that_could_name_or_time_a_voter():
    for field in Ballot._meta.get_fields():
        assert not field.is_relation or field.related_model.__name__ == "Decision", field.name
        assert not isinstance(field, models.DateTimeField | models.DateField | models.GenericIPAddressField), field.name
    assert isinstance(Ballot._meta.pk, models.UUIDField)
    assert not any(f.is_relation and f.related_model is Ballot for f in VoterRecord._meta.get_fields())


def test_ballots_and_voter_records_are_not_in_the_admin():
    assert Ballot not in admin.site._registry
    assert VoterRecord not in admin.site._registry


def test_closing_counts_every_held_ballot_and_rewrites_the_ballots(election):
    decision = election["decision"]
    held_flush()
    ids_while_open = set(Ballot.objects.values_list("pk", flat=True))
    decision_close(decision=decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.CLOSED and decision.ballot_salt == ""
    assert not decision.held_ballots.exists()
    # Receipts stay as digests of random strings shown once: nothing in them comes from a voter.
    assert all(len(receipt) == 64 for receipt in Ballot.objects.values_list("receipt", flat=True))
    assert ids_while_open.isdisjoint(Ballot.objects.values_list("pk", flat=True))
    assert sorted(Ballot.objects.values_list("choices", flat=True)) == sorted(
        [[election["garden"].pk], [election["mural"].pk]]
    )


def test_turnout_page_and_csv_name_voters_but_never_choices(election, client_for, facilitator, project):
    decision = election["decision"]
    client = client_for(facilitator)
    page = client.get(reverse("projects:decision_detail", args=[decision.pk])).content.decode()
    assert "2 of 3 voted" in page  # the two pupils voted; the facilitator did not
    opened = decision.opens_at.astimezone(timezone.get_current_timezone())
    assert f"2 of 3 voted so far, since {opened.day} {opened:%b %Y}" in page  # turnout says its period
    export = client.get(reverse("projects:decision_turnout_csv", args=[decision.pk])).content.decode()
    assert "Alice Ashdown" in export and "Bob Brierley" in export
    assert "Zebra" not in export and "Quokka" not in export and str(election["garden"].pk) not in export.split(",")


def test_after_close_results_are_totals_only_for_everyone(election, client_for, facilitator, project):
    decision = election["decision"]
    decision_close(decision=decision)
    leader = LeaderFactory(school=project.school)
    member = ProjectMembershipFactory(project=project).membership
    for viewer in (facilitator, leader, member):
        page = client_for(viewer).get(reverse("projects:decision_detail", args=[decision.pk])).content.decode()
        assert "Zebra garden" in page and "Quokka mural" in page
        assert "Bob Brierley" not in page and "Alice Ashdown" not in page


def test_a_voter_who_voted_sees_that_they_did_and_no_ballot_not_even_their_own(election, client_for):
    decision = election["decision"]
    for voter in (election["alice"], election["bob"]):
        response = client_for(voter).get(reverse("projects:decision_detail", args=[decision.pk]))
        assert response.context["ballot_form"] is None
        assert response.context["has_voted"] is True
        assert "A ballot is final once it is cast" in response.content.decode()


def test_facilitator_page_does_not_reveal_anyones_choice_while_open(election, client_for, facilitator):
    response = client_for(facilitator).get(reverse("projects:decision_detail", args=[election["decision"].pk]))
    assert "checked" not in response.content.decode()  # the facilitator has not voted; nobody else's ballot shows
    assert response.context["result"] is None
