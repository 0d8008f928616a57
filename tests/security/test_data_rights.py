"""Data rights: the inventory stays complete, a person gets their data as JSON, erasure keeps the
school's aggregate results, and special-category data needs a recorded basis (people/privacy/data_inventory.py,
people/privacy/services.py)."""

import json

import pytest
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Answer, NamedResponse, Response, SurveyCompletion
from evaluation.services import response_submit
from people.models import GuardianLink, Membership, Notification, SenStatus, User
from people.privacy import services as privacy
from people.privacy.data_inventory import APPS, INVENTORY, SECRET_FIELDS, SPECIAL_CATEGORY, personal_fields
from projects.models import Backing, Ballot, Goal, Need, VoterRecord
from projects.services.voting import ballot_cast
from tests.factories import (
    BackingFactory,
    DecisionFactory,
    GoalFactory,
    GuardianLinkFactory,
    IdeaFactory,
    LeaderFactory,
    NeedCommentFactory,
    NeedFactory,
    NotificationFactory,
    ProjectMembershipFactory,
    PupilFactory,
    QuestionFactory,
    SchoolFactory,
    StaffFactory,
    SurveyFactory,
)

pytestmark = pytest.mark.django_db


# --- the inventory ---------------------------------------------------------------------------


def _inventory_fields(label: str) -> set[str]:
    return {name for key, record in INVENTORY.items() if key.split(":")[0] == label for name in record.fields}


ALL_MODELS = [model for app in APPS for model in apps.get_app_config(app).get_models()]


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m._meta.label)
def test_every_field_that_may_hold_personal_data_is_in_the_inventory(model):
    missing = set(personal_fields(model)) - _inventory_fields(model._meta.label)
    assert not missing, (
        f"{model._meta.label}: add {sorted(missing)} to people/privacy/data_inventory.py "
        "(purpose, lawful basis, retention)"
    )


def test_the_inventory_names_only_fields_that_exist_and_says_why_on_what_basis_for_how_long():
    for key, record in INVENTORY.items():
        model = apps.get_model(key.split(":")[0])
        names = {field.name for field in model._meta.get_fields()}
        assert set(record.fields) <= names, key
        assert record.purpose and record.basis and record.retention, key
        if record.subject:
            model.objects.filter(**{record.subject: None})  # the lookup path resolves (FieldError otherwise)


def test_special_category_fields_are_listed_with_their_explicit_basis():
    special = [r for k, r in INVENTORY.items() if k.startswith("people.Membership:")]
    assert special and special[0].basis == SPECIAL_CATEGORY
    assert set(special[0].fields) == {"sen_status", "pupil_premium"}


# --- export ----------------------------------------------------------------------------------


@pytest.fixture
def active_pupil(school):
    """A pupil who raised a need, commented, backed, voted, answered an anonymous and a named survey."""
    pupil = PupilFactory(school=school, user__first_name="Zadie", user__last_name="Quill")
    NeedFactory(school=school, author=pupil, title="Broken lockers in Block C")
    NeedCommentFactory(need=NeedFactory(school=school), author=pupil, body="The bins smell too")
    BackingFactory(need=NeedFactory(school=school), membership=pupil)
    project = ProjectMembershipFactory(membership=pupil, project__school=school).project
    ideas = [IdeaFactory(project=project, is_shortlisted=True) for _ in range(2)]
    decision = DecisionFactory(project=project, options=ideas)
    ballot_cast(decision=decision, voter=pupil, choices=[ideas[1].pk])
    anonymous = SurveyFactory(school=school)
    text = QuestionFactory(survey=anonymous, type="short_text")
    response_submit(survey=anonymous, membership=pupil, answers={text.pk: "secret anonymous words"})
    named = SurveyFactory(school=school, anonymous=False)
    named_text = QuestionFactory(survey=named, type="short_text")
    response_submit(survey=named, membership=pupil, answers={named_text.pk: "my named answer"})
    GoalFactory(pupil=pupil, goal="Speak at the school council")
    NotificationFactory(recipient=pupil, title="Vote closing tomorrow")
    GuardianLinkFactory(pupil=pupil)
    pupil.decision, pupil.ideas = decision, ideas
    return pupil


def test_export_holds_what_the_person_wrote_and_did_but_no_secret_or_anonymous_answer(active_pupil):
    data = privacy.person_export(user=active_pupil.user)
    text = json.dumps(data, cls=DjangoJSONEncoder)

    for expected in ("Broken lockers in Block C", "The bins smell too", "Speak at the school council",
                     "Vote closing tomorrow", "my named answer", "Zadie"):  # fmt: skip
        assert expected in text, expected
    voted = data["records"]["projects.VoterRecord"]
    assert voted["lawful_basis"] and [row["voted_on"] for row in voted["rows"]] == [timezone.localdate()]
    assert "projects.Backing" in data["records"]
    assert "secret anonymous words" not in text  # anonymous: not linkable, so not exportable
    assert "projects.Ballot" not in data["records"]
    assert active_pupil.user.password not in text
    for secret in SECRET_FIELDS:
        assert f'"{secret}"' not in text, secret
    assert data["not_included"]


def test_a_person_downloads_their_own_data_as_json(client_for, active_pupil):
    response = client_for(active_pupil).get(reverse("people:my_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["person"]["username"] == active_pupil.user.username


def test_my_data_needs_a_sign_in(client):
    response = client.get(reverse("people:my_data"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_staff_download_a_pupils_data_but_pupils_and_other_schools_cannot(client_for, active_pupil, school):
    url = reverse("people:person_data", args=[active_pupil.pk])
    staff = StaffFactory(school=school)
    response = client_for(staff).get(url)
    assert response.status_code == 200
    assert json.loads(response.content)["person"]["username"] == active_pupil.user.username
    assert client_for(PupilFactory(school=school)).get(url).status_code == 403
    assert client_for(StaffFactory()).get(url).status_code == 404


def test_the_pupil_page_links_to_the_export_for_staff(client_for, active_pupil, school):
    page = client_for(StaffFactory(school=school)).get(reverse("people:detail", args=[active_pupil.pk]))
    assert reverse("people:person_data", args=[active_pupil.pk]) in page.text


# --- erasure ---------------------------------------------------------------------------------


def test_erasure_keeps_aggregates_and_removes_the_person(active_pupil, school):
    user, decision = active_pupil.user, active_pupil.decision
    counts_before = {
        "ballots": Ballot.objects.filter(decision=decision).count(),
        "voters": VoterRecord.objects.filter(decision=decision).count(),
        "responses": Response.objects.count(),
        "answers": Answer.objects.count(),
        "completions": SurveyCompletion.objects.count(),
        "backings": Backing.objects.count(),
    }

    privacy.person_erase(user=user)

    user.refresh_from_db()
    assert counts_before == {
        "ballots": Ballot.objects.filter(decision=decision).count(),
        "voters": VoterRecord.objects.filter(decision=decision).count(),
        "responses": Response.objects.count(),
        "answers": Answer.objects.count(),
        "completions": SurveyCompletion.objects.count(),
        "backings": Backing.objects.count(),
    }
    assert (user.first_name, user.last_name, user.email) == ("Former", "member", None)
    assert "Zadie" not in user.username and not user.has_usable_password() and not user.is_active
    membership = Membership.objects.get(pk=active_pupil.pk)
    assert not membership.is_active and membership.left_on == timezone.localdate()
    # What only served the person is gone; what they wrote stays, without their name.
    assert not Notification.objects.filter(recipient=membership).exists()
    assert not Goal.objects.filter(pupil=membership).exists()
    assert not GuardianLink.objects.filter(pupil=membership).exists()
    assert not NamedResponse.objects.filter(membership=membership).exists()
    assert Answer.objects.filter(text="my named answer").exists()  # now an anonymous answer
    need = Need.objects.get(title="Broken lockers in Block C")
    assert need.hide_author and need.author.user.display_name == "Former member"
    # Nobody can sign in as them any more.
    assert not User.objects.filter(username="Zadie").exists()


def test_erasure_twice_is_harmless(active_pupil):
    privacy.person_erase(user=active_pupil.user)
    username = User.objects.get(pk=active_pupil.user.pk).username
    privacy.person_erase(user=active_pupil.user)
    assert User.objects.get(pk=active_pupil.user.pk).username == username


def test_an_erased_person_is_signed_out(client_for, active_pupil):
    client = client_for(active_pupil)
    assert client.get(reverse("home")).status_code == 200
    privacy.person_erase(user=active_pupil.user)
    assert client.get(reverse("home")).status_code == 302


# --- special-category data -------------------------------------------------------------------


def test_special_category_recording_is_off_by_default_and_refused(pupil, staff):
    assert not pupil.school.special_category_enabled
    with pytest.raises(privacy.PrivacyError, match="does not record"):
        privacy.pupil_set_special_category(pupil=pupil, actor=staff, sen_status=SenStatus.SUPPORT, pupil_premium=True)
    pupil.refresh_from_db()
    assert (pupil.sen_status, pupil.pupil_premium) == ("", None)


def test_switching_it_on_needs_a_leader_and_a_written_basis(school, staff, leader, pupil):
    with pytest.raises(privacy.PrivacyError, match="leaders"):
        privacy.school_set_special_category(school=school, actor=staff, enabled=True, basis="Art 9(2)(g)")
    with pytest.raises(privacy.PrivacyError, match="lawful basis"):
        privacy.school_set_special_category(school=school, actor=leader, enabled=True, basis="  ")
    privacy.school_set_special_category(
        school=school, actor=leader, enabled=True, basis="Public task; Art 9(2)(g) equality of opportunity"
    )
    privacy.pupil_set_special_category(pupil=pupil, actor=staff, sen_status=SenStatus.EHCP, pupil_premium=True)
    pupil.refresh_from_db()
    assert (pupil.sen_status, pupil.pupil_premium) == (SenStatus.EHCP, True)
    # Switching off clears what was stored.
    privacy.school_set_special_category(school=school, actor=leader, enabled=False)
    pupil.refresh_from_db()
    assert (pupil.sen_status, pupil.pupil_premium) == ("", None)


def test_the_database_refuses_special_category_on_without_a_basis():
    school = SchoolFactory()
    school.special_category_enabled = True
    with pytest.raises(IntegrityError), transaction.atomic():
        school.save()


def test_the_database_refuses_special_category_data_on_adults(staff):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=staff.pk).update(sen_status=SenStatus.SUPPORT)


def test_the_pupil_page_shows_sen_only_when_the_school_records_it(client_for, school, pupil):
    client = client_for(StaffFactory(school=school))
    url = reverse("people:detail", args=[pupil.pk])
    assert "Pupil premium" not in client.get(url).text
    privacy.school_set_special_category(
        school=school, actor=LeaderFactory(school=school), enabled=True, basis="9(2)(g)"
    )
    assert "Pupil premium" in client.get(url).text


# --- the pages -------------------------------------------------------------------------------


def test_a_leader_switches_special_category_on_only_with_a_basis(client_for, school, leader):
    client = client_for(leader)
    url = reverse("people:school_privacy")
    refused = client.post(url, {"retention_years": 2, "special_category_enabled": "on", "special_category_basis": ""})
    assert refused.status_code == 200 and "lawful basis" in refused.text
    school.refresh_from_db()
    assert not school.special_category_enabled
    saved = client.post(
        url, {"retention_years": 3, "special_category_enabled": "on", "special_category_basis": "Art 9(2)(g)"}
    )
    assert saved.status_code == 302
    school.refresh_from_db()
    assert (school.retention_years, school.special_category_enabled, school.special_category_basis) == (
        3,
        True,
        "Art 9(2)(g)",
    )


def test_staff_record_sen_on_the_pupils_page_only_when_switched_on(client_for, school, staff, leader, pupil):
    client = client_for(staff)
    url = reverse("people:special_category", args=[pupil.pk])
    assert client.get(url).status_code == 404
    privacy.school_set_special_category(school=school, actor=leader, enabled=True, basis="Art 9(2)(g)")
    assert client.post(url, {"sen_status": SenStatus.SUPPORT, "pupil_premium": "yes"}).status_code == 302
    pupil.refresh_from_db()
    assert (pupil.sen_status, pupil.pupil_premium) == (SenStatus.SUPPORT, True)
    assert client_for(PupilFactory(school=school)).get(url).status_code == 403


def test_a_leader_erases_a_pupil_after_confirming(client_for, school, leader, active_pupil):
    client = client_for(leader)
    url = reverse("people:erase", args=[active_pupil.pk])
    assert client.post(url, {}).status_code == 200  # not confirmed: nothing happens
    assert not privacy.is_erased(User.objects.get(pk=active_pupil.user_id))
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert privacy.is_erased(User.objects.get(pk=active_pupil.user_id))


def test_only_leaders_erase_and_never_themselves(client_for, school, leader, staff, pupil):
    assert client_for(staff).get(reverse("people:erase", args=[pupil.pk])).status_code == 403
    assert client_for(leader).get(reverse("people:erase", args=[leader.pk])).status_code == 403
