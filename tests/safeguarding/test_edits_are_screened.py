"""An edit is screened like the first version: words that match the list, added later, hold the post."""

import pytest
from django.urls import get_resolver, reverse

from people.models import Notification, NotificationKind
from projects.models import ProjectMembership, ProjectRole, Report
from projects.services.ideas import idea_update
from projects.services.safeguarding import HELD_NOTICE
from tests.factories import IdeaFactory, PupilFactory, StaffFactory

pytestmark = pytest.mark.django_db

DISCLOSURE = "My uncle says they'll hurt me if I tell anyone"


@pytest.fixture
def dsl(school):
    return StaffFactory(school=school, is_safeguarding_lead=True)


@pytest.fixture
def idea(project, lead):
    project.stage = "co_design"
    project.save(update_fields=["stage"])
    return IdeaFactory(project=project, created_by=lead, title="Water fountains", description="Two more")


def test_an_idea_edited_to_a_disclosure_is_held_and_the_leads_alerted(
    idea, lead, dsl, facilitator, client_for, django_capture_on_commit_callbacks
):
    classmate = PupilFactory(school=idea.project.school)
    ProjectMembership.objects.create(project=idea.project, membership=classmate, role=ProjectRole.MEMBER)
    data = {"title": "Water fountains", "description": DISCLOSURE, "who_it_helps": "Me", "authors": [lead.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(reverse("projects:idea_edit", args=[idea.pk]), data)
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.is_hidden and idea.hidden_for_safeguarding and idea.hidden_reason == HELD_NOTICE
    report = Report.objects.get(idea=idea)
    assert report.held_by_screen and report.reporter == lead
    assert Notification.objects.filter(kind=NotificationKind.SAFEGUARDING_CONCERN, recipient=dsl).count() == 1
    for viewer in (classmate, facilitator):
        assert "hurt me" not in client_for(viewer).get(idea.project.get_absolute_url()).text
    assert DISCLOSURE.replace("'", "&#x27;") in client_for(dsl).get(reverse("projects:safeguarding")).text


def test_an_ordinary_edit_is_not_held(idea, lead, dsl):
    idea_update(idea=idea, actor=lead, title="Water fountains", description="Three more", who_it_helps="All",
                authors=[lead])  # fmt: skip
    idea.refresh_from_db()
    assert not idea.is_hidden
    assert not Report.objects.exists()


# Needs, comments and reflections are written once: there is no edit route for them to screen. If one
# is added, it must screen its text like its creation does (and this test is where to say so).
SCREENED_EDIT_ROUTES = {"projects:idea_edit"}


def test_every_public_text_edit_route_is_screened():
    names = set()
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        if namespace != "admin":  # the admin is for the platform's operators, not the school's members
            names |= {f"{namespace}:{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    public_text = ("need", "comment", "idea", "reflection")
    edits = {
        name
        for name in names
        if any(word in name for word in public_text) and any(verb in name for verb in ("edit", "update", "change"))
    }
    assert edits == SCREENED_EDIT_ROUTES
