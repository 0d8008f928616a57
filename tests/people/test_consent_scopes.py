"""Consent with teeth: each scope the school asks about changes exactly what it says, at once,
and the pupil, the facilitators of their projects and the safeguarding leads are told once."""

import pytest
from django.urls import reverse

from people.consent.scopes import NAME_BEYOND_PROJECT, OFF_SITE, PICTURES, SCOPES, TAKING_PART
from people.consent.services import school_set_consent_scopes
from people.models import ConsentStatus, Notification
from people.services import guardian_link_set_consent
from projects.errors import NotAllowed
from projects.models import ProjectRole, Stage
from projects.services import needs as need_services
from projects.services import projects as project_services
from projects.services import voting
from tests.factories import (
    DecisionFactory,
    GuardianLinkFactory,
    IdeaCommentFactory,
    IdeaFactory,
    LeaderFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    SessionFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("home")
REFUSAL = "Your parent or carer needs to agree before you can take part. Ask them to open the consent page."


@pytest.fixture
def world(school):
    """A pupil lead of a project, its facilitator, a safeguarding lead, and a parent who agreed to everything."""
    school_set_consent_scopes(school=school, actor=LeaderFactory(school=school), scopes=list(SCOPES))
    project = ProjectFactory(school=school)
    pupil = ProjectMembershipFactory(project=project, role=ProjectRole.LEAD).membership
    facilitator = StaffFactory(school=school)
    ProjectMembershipFactory(project=project, membership=facilitator, role=ProjectRole.FACILITATOR)
    dsl = StaffFactory(school=school, is_safeguarding_lead=True)
    link = GuardianLinkFactory(pupil=pupil)
    for scope in SCOPES:
        guardian_link_set_consent(link=link, parent=link.parent, status=ConsentStatus.GIVEN, scope=scope)
    Notification.objects.all().delete()
    return {"school": school, "project": project, "pupil": pupil, "facilitator": facilitator, "dsl": dsl, "link": link}


def _withdraw(world, scope):
    link = world["link"]
    guardian_link_set_consent(link=link, parent=link.parent, status=ConsentStatus.WITHDRAWN, scope=scope)
    world["pupil"].refresh_from_db()


def _told_once(world):
    told = sorted(Notification.objects.filter(kind="consent_changed").values_list("recipient_id", flat=True))
    assert told == sorted([world["pupil"].pk, world["facilitator"].pk, world["dsl"].pk])


def _consent_page(client_for, world):
    return client_for(world["link"].parent).get(reverse("people:consent", args=[world["link"].pk])).text


@pytest.mark.parametrize("scope", list(SCOPES))
def test_withdrawing_a_scope_shows_at_once_on_the_consent_page_and_tells_pupil_facilitators_and_dsls_once(
    client_for, world, scope
):
    label = SCOPES[scope].label
    assert label in _consent_page(client_for, world)
    _withdraw(world, scope)
    page = _consent_page(client_for, world)
    section = page.split(f'id="scope-{scope}">')[1].split("</section>")[0]
    assert "Current answer: <strong>Withdrawn</strong>" in section
    _told_once(world)
    assert label.lower() in Notification.objects.filter(recipient=world["pupil"]).get().title
    pupil_home = client_for(world["pupil"]).get(HOME).text
    assert "Your parent or carer has not agreed to" in pupil_home and label.lower() in pupil_home


def test_the_consent_page_asks_only_what_the_school_chose(client_for, world):
    school_set_consent_scopes(school=world["school"], actor=world["dsl"], scopes=[TAKING_PART, OFF_SITE])
    page = _consent_page(client_for, world)
    assert SCOPES[OFF_SITE].question.replace("'", "&#x27;") in page
    assert SCOPES[PICTURES].label not in page
    assert "cannot add pictures" not in page


def test_pictures_are_recorded_and_the_page_says_pictures_cannot_be_added(client_for, world):
    _withdraw(world, PICTURES)
    assert "cannot add pictures" in _consent_page(client_for, world)
    assert world["pupil"].consent_withheld == [PICTURES]


def test_a_parent_answers_one_scope_over_http_and_only_that_scope_changes(client_for, world):
    url = reverse("people:consent", args=[world["link"].pk])
    response = client_for(world["link"].parent).post(url, {"scope": OFF_SITE, "status": ConsentStatus.WITHDRAWN})
    assert response.status_code == 302
    world["pupil"].refresh_from_db()
    assert world["pupil"].consent_withheld == [OFF_SITE]
    world["link"].refresh_from_db()
    assert world["link"].consent_status == ConsentStatus.GIVEN
    _told_once(world)


# --- taking part ---------------------------------------------------------------------------


def test_without_taking_part_a_pupil_cannot_join_lead_post_or_vote(world):
    _withdraw(world, TAKING_PART)
    pupil, school = world["pupil"], world["school"]
    other = ProjectFactory(school=school)
    with pytest.raises(NotAllowed, match=REFUSAL):
        project_services.join_request_create(project=other, membership=pupil)
    with pytest.raises(NotAllowed, match=REFUSAL):
        need_services.need_raise(author=pupil, title="Bins", problem="Full", affects="All", category="other")
    with pytest.raises(NotAllowed, match=REFUSAL):
        need_services.need_comment_add(need=NeedFactory(school=school), author=pupil, body="Yes")
    with pytest.raises(NotAllowed, match=REFUSAL):
        voting.ballot_cast(decision=DecisionFactory(project=world["project"]), voter=pupil, choices=[])
    place = ProjectMembershipFactory(project=other, membership=pupil)
    with pytest.raises(NotAllowed, match="has not agreed to them taking part"):
        project_services.project_member_set_role(
            project_membership=place, role=ProjectRole.LEAD, actor=world["facilitator"]
        )


def test_without_taking_part_the_pupil_is_refused_over_http_with_the_reason(client_for, world):
    _withdraw(world, TAKING_PART)
    client = client_for(world["pupil"])
    refused = client.get(reverse("projects:need_create"))
    assert refused.status_code == 403 and REFUSAL in refused.text
    other = ProjectFactory(school=world["school"])
    assert client.post(reverse("projects:project_join", args=[other.pk]), {"message": ""}).status_code == 403
    decision = DecisionFactory(project=world["project"])
    assert client.post(reverse("projects:decision_vote", args=[decision.pk]), {}).status_code == 403


def test_given_again_the_pupil_takes_part_again_at_once(world):
    _withdraw(world, TAKING_PART)
    link = world["link"]
    guardian_link_set_consent(link=link, parent=link.parent, status=ConsentStatus.GIVEN)
    world["pupil"].refresh_from_db()
    need = need_services.need_raise(
        author=world["pupil"], title="Bins", problem="Full", affects="All", category="other"
    )
    assert need.pk


def test_a_new_parent_link_is_pending_so_taking_part_waits_for_them(world):
    from people.consent.services import pupil_consent_refresh

    GuardianLinkFactory(pupil=world["pupil"])
    assert TAKING_PART in pupil_consent_refresh(pupil=world["pupil"])


def test_what_a_pupil_wrote_stays_with_their_name_hidden_from_pupils_not_staff(world):
    need = NeedFactory(school=world["school"], author=world["pupil"])
    classmate = PupilFactory(school=world["school"])
    assert need.author_label_for(classmate) == world["pupil"].user.display_name
    _withdraw(world, TAKING_PART)
    need.author.refresh_from_db()
    assert need.author_label_for(classmate) == "A pupil (name hidden)"
    assert need.author_label_for(world["link"].parent) == "A pupil (name hidden)"
    assert need.author_label_for(world["facilitator"]) == world["pupil"].user.display_name
    assert need.author_label_for(world["pupil"]) == world["pupil"].user.display_name


def test_the_needs_board_hides_the_name_once_taking_part_is_withdrawn(client_for, world):
    NeedFactory(school=world["school"], author=world["pupil"], title="Broken taps")
    classmate = PupilFactory(school=world["school"])
    name = world["pupil"].user.display_name
    assert name in client_for(classmate).get(reverse("projects:need_list")).text
    _withdraw(world, TAKING_PART)
    board = client_for(classmate).get(reverse("projects:need_list")).text
    assert "Broken taps" in board and name not in board


# --- name beyond the project ---------------------------------------------------------------


def test_without_name_beyond_project_only_the_project_sees_the_name(world):
    project = world["project"]
    project.stage = Stage.CO_DESIGN
    comment = IdeaCommentFactory(idea=IdeaFactory(project=project), author=world["pupil"])
    need = NeedFactory(school=world["school"], author=world["pupil"])
    teammate = ProjectMembershipFactory(project=project).membership
    outsider = PupilFactory(school=world["school"])
    _withdraw(world, NAME_BEYOND_PROJECT)
    comment.author.refresh_from_db()
    need.author.refresh_from_db()
    name = world["pupil"].user.display_name
    assert comment.author_label_for(teammate) == name
    assert comment.author_label_for(outsider) == "A pupil (name hidden)"
    assert need.author_label_for(outsider) == "A pupil (name hidden)"
    assert need.author_label_for(world["facilitator"]) == name


# --- off-site sessions ---------------------------------------------------------------------


def test_without_off_site_consent_the_pupil_shows_as_no_consent_on_the_session_and_register(client_for, world):
    off_site = SessionFactory(project=world["project"], place="Museum", is_off_site=True)
    on_site = SessionFactory(project=world["project"], place="Library")
    url = reverse("projects:session_detail", args=[off_site.pk])
    name = world["pupil"].user.display_name
    assert f"{name} (no consent)" not in client_for(world["facilitator"]).get(url).text
    _withdraw(world, OFF_SITE)
    register = client_for(world["facilitator"]).get(url).text
    assert f"{name} (no consent)" in register and "no consent from a parent or carer" in register
    assert f"{name} (no consent)" in client_for(world["pupil"]).get(url).text
    on_site_page = client_for(world["facilitator"]).get(reverse("projects:session_detail", args=[on_site.pk])).text
    assert "(no consent)" not in on_site_page


# --- the parent's pages ----------------------------------------------------------------------


def test_the_parent_home_says_activity_is_hidden_not_that_it_does_not_exist(client_for, world):
    link = world["link"]
    guardian_link_set_consent(link=link, parent=link.parent, status=ConsentStatus.WITHDRAWN)
    text = client_for(link.parent).get(HOME).text
    assert "No goal is set yet" not in text
    first = world["pupil"].user.first_name
    assert f"Some of {first}'s activity is not shown because consent is not given" in text


def test_a_leader_chooses_what_needs_consent_on_the_privacy_page_and_the_gates_follow(client_for, world):
    leader = LeaderFactory(school=world["school"])
    _withdraw(world, OFF_SITE)
    response = client_for(leader).post(
        reverse("people:school_privacy"), {"retention_years": 1, "consent_scopes": [TAKING_PART]}
    )
    assert response.status_code == 302
    world["school"].refresh_from_db()
    world["pupil"].refresh_from_db()
    assert world["school"].consent_scopes == [TAKING_PART]
    assert world["pupil"].consent_withheld == []
    assert SCOPES[OFF_SITE].label not in _consent_page(client_for, world)


def test_idea_authors_are_named_only_where_consent_allows(client_for, world):
    project = world["project"]
    idea = IdeaFactory(project=project, title="Water fountain")
    idea.authors.set([world["pupil"]])
    teammate = ProjectMembershipFactory(project=project).membership
    name = world["pupil"].user.display_name
    detail = reverse("projects:idea_detail", args=[idea.pk])
    _withdraw(world, NAME_BEYOND_PROJECT)
    assert name in client_for(teammate).get(detail).text
    _withdraw(world, TAKING_PART)
    page = client_for(teammate).get(detail).text
    assert "Water fountain" in page and name not in page
    assert name in client_for(world["facilitator"]).get(detail).text


def test_erasing_the_parent_who_withdrew_lifts_what_their_answer_stopped(world):
    from people.privacy.services import person_erase

    _withdraw(world, TAKING_PART)
    person_erase(user=world["link"].parent.user, actor=LeaderFactory(school=world["school"]))
    world["pupil"].refresh_from_db()
    assert world["pupil"].consent_withheld == []
