import pytest
from django.urls import reverse

from front.demo.people import seed_people
from front.demo.projects import seed_projects
from projects.models import Backing, Idea, Need, NeedComment, Project, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_school():
    school = seed_people()
    seed_projects(school)
    return school


def test_seed_projects_makes_needs_projects_and_ideas_and_is_idempotent(demo_school):
    counts = (Need.objects.count(), Backing.objects.count(), NeedComment.objects.count(), Project.objects.count())
    assert counts[0] == 12 and counts[1] > 100 and counts[2] >= 12
    assert set(Project.objects.values_list("stage", flat=True)) == {Stage.CO_IDENTIFY, Stage.CO_DESIGN}
    assert Idea.objects.filter(is_shortlisted=True).count() == 2
    seed_projects(demo_school)
    assert (
        Need.objects.count(),
        Backing.objects.count(),
        NeedComment.objects.count(),
        Project.objects.count(),
    ) == counts


@pytest.mark.parametrize(
    "username", ["pupil1", "staff@demo.school", "staff2@demo.school", "leader@demo.school", "parent@demo.school"]
)
def test_every_projects_page_opens_for_each_demo_role(client, demo_school, username):
    from people.models import User

    client.force_login(User.objects.get(username=username))
    project = Project.objects.get(title="Working water fountains")
    idea = project.ideas.first()
    urls = [
        reverse("home"),
        reverse("projects:need_list"),
        reverse("projects:need_detail", args=[Need.objects.first().pk]),
        reverse("projects:project_list"),
        reverse("projects:project_detail", args=[project.pk]),
        reverse("projects:idea_list", args=[project.pk]),
        reverse("projects:idea_detail", args=[idea.pk]),
        reverse("projects:charter"),
        reverse("projects:report", args=["idea", idea.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
