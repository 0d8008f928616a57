import pytest
from django.urls import reverse

from projects.errors import NotAllowed
from projects.models import Idea, IdeaComment, ProjectRole, Stage
from projects.services.ideas import idea_create, idea_set_shortlisted, idea_update
from tests.factories import IdeaCommentFactory, IdeaFactory, ProjectMembershipFactory, PupilFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def designing(ready_project, move_to):
    return move_to(ready_project, Stage.CO_DESIGN)


def test_member_adds_an_idea_with_several_authors_building_on_another(client_for, designing, lead):
    co_author = ProjectMembershipFactory(project=designing, role=ProjectRole.MEMBER).membership
    base = IdeaFactory(project=designing)
    response = client_for(lead).post(
        reverse("projects:idea_create", args=[designing.pk]),
        {
            "title": "Water bottles",
            "description": "Give everyone a bottle",
            "who_it_helps": "Year 7",
            "cost_money": "120.50",
            "cost_time": "Two lunchtimes",
            "authors": [lead.pk, co_author.pk],
            "builds_on": base.pk,
        },
    )
    idea = Idea.objects.get(title="Water bottles")
    assert response["Location"] == reverse("projects:idea_detail", args=[idea.pk])
    assert set(idea.authors.all()) == {lead, co_author}
    assert idea.builds_on == base and str(idea.cost_money) == "120.50"


def test_ideas_only_in_co_design(ready_project, lead):
    with pytest.raises(NotAllowed, match="co-design"):
        idea_create(
            project=ready_project, created_by=lead, title="t", description="d", who_it_helps="w", authors=[lead]
        )


def test_non_member_cannot_add_an_idea(client_for, designing):
    outsider = PupilFactory(school=designing.school)
    assert client_for(outsider).get(reverse("projects:idea_create", args=[designing.pk])).status_code == 403


def test_negative_cost_is_a_form_error(client_for, designing, lead):
    response = client_for(lead).post(
        reverse("projects:idea_create", args=[designing.pk]),
        {"title": "t", "description": "d", "who_it_helps": "w", "cost_money": "-5", "authors": [lead.pk]},
    )
    assert response.status_code == 200 and "cannot be negative" in response.text


def test_edits_keep_history_with_what_changed(client_for, designing, lead):
    idea = idea_create(
        project=designing, created_by=lead, title="First", description="d", who_it_helps="w", authors=[lead]
    )
    idea_update(idea=idea, title="Second", description="d", who_it_helps="w", authors=[lead])
    assert list(idea.history.values_list("title", flat=True).order_by("history_date")) == ["First", "Second"]
    page = client_for(lead).get(reverse("projects:idea_detail", args=[idea.pk])).text
    assert "changed title" in page


def test_idea_cannot_build_on_itself(designing, lead):
    idea = IdeaFactory(project=designing)
    with pytest.raises(NotAllowed, match="itself"):
        idea_update(idea=idea, title="t", description="d", who_it_helps="w", authors=[lead], builds_on=idea)


def test_leads_shortlist_with_htmx_and_without_js(client_for, designing, lead):
    idea = IdeaFactory(project=designing)
    url = reverse("projects:idea_shortlist", args=[idea.pk])
    response = client_for(lead).post(url, {"shortlisted": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Shortlisted" in response.text and "<html" not in response.text
    idea.refresh_from_db()
    assert idea.is_shortlisted
    response = client_for(lead).post(url, {"shortlisted": "0"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert not idea.is_shortlisted


def test_plain_members_cannot_shortlist(client_for, designing):
    member = ProjectMembershipFactory(project=designing).membership
    idea = IdeaFactory(project=designing)
    assert (
        client_for(member).post(reverse("projects:idea_shortlist", args=[idea.pk]), {"shortlisted": "1"}).status_code
        == 403
    )


def test_shortlist_is_settled_in_co_design_only(ready_project, lead):
    idea = IdeaFactory(project=ready_project)
    with pytest.raises(NotAllowed):
        idea_set_shortlisted(idea=idea, actor=lead, shortlisted=True)


def test_comment_on_an_idea(client_for, designing, lead):
    idea = IdeaFactory(project=designing)
    client_for(lead).post(reverse("projects:idea_comment", args=[idea.pk]), {"body": "Love it"})
    assert IdeaComment.objects.get().body == "Love it"


def test_outsider_cannot_comment_on_an_idea(client_for, designing):
    idea = IdeaFactory(project=designing)
    outsider = PupilFactory(school=designing.school)
    assert client_for(outsider).post(reverse("projects:idea_comment", args=[idea.pk]), {"body": "x"}).status_code == 403


def test_ideas_list_runs_a_constant_number_of_queries(client_for, designing, lead, assert_constant_queries):
    authors = PupilFactory.create_batch(3, school=designing.school)

    def add_rows(count):
        for i in range(min(count, 40)):
            idea = IdeaFactory(project=designing, authors=authors, is_shortlisted=i % 2 == 0)
            IdeaCommentFactory(idea=idea, author=authors[0])
        if count > 40:
            Idea.objects.bulk_create(
                [
                    Idea(project=designing, created_by=lead, title=f"I{i}", description="d", who_it_helps="w")
                    for i in range(count - 40)
                ]
            )

    assert_constant_queries(client_for(lead), reverse("projects:idea_list", args=[designing.pk]), add_rows)
