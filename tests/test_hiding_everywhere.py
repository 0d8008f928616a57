"""Hidden content is gone from every page on the next request (issue 16): a need, a need comment, an
idea, an idea comment and a reflection, each seen on its pages first (so anything those pages keep
is filled), then hidden by staff, then looked for again through the HTTP client."""

import pytest
from django.test import Client
from django.urls import reverse

from evaluation.models import Reflection, ReflectionKind
from evaluation.reports.reflections import reflection_hide
from projects.models import Project, Stage
from projects.services.moderation import content_flag
from tests.factories import (
    IdeaCommentFactory,
    IdeaFactory,
    NeedCommentFactory,
    NeedFactory,
    ProjectFactory,
    ProjectMembershipFactory,
    PupilFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db
SECRET = "Jamie in 8B smells"


def _client(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def _shown_then_gone(viewers_and_urls, hide) -> None:
    for client, url in viewers_and_urls:
        assert SECRET in client.get(url).content.decode(), url
    hide()
    for client, url in viewers_and_urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert SECRET not in response.content.decode(), url


def test_a_hidden_need_is_gone_from_every_page(school):
    need = NeedFactory(school=school, title=SECRET)
    reader = _client(PupilFactory(school=school))
    pages = [reverse("home"), reverse("projects:need_list"), reverse("projects:need_detail", args=[need.pk])]
    staff = StaffFactory(school=school)
    _shown_then_gone([(reader, url) for url in pages], lambda: content_flag(staff=staff, target=need, reason="Unkind"))


def test_a_hidden_need_comment_is_gone_from_every_page(school):
    comment = NeedCommentFactory(need=NeedFactory(school=school), body=SECRET)
    reader = _client(PupilFactory(school=school))
    staff = StaffFactory(school=school)
    _shown_then_gone(
        [(reader, reverse("projects:need_detail", args=[comment.need_id]))],
        lambda: content_flag(staff=staff, target=comment, reason="Unkind"),
    )


def test_a_hidden_idea_is_gone_from_every_page(school):
    idea = IdeaFactory(project=ProjectFactory(school=school), title=SECRET)
    reader = _client(PupilFactory(school=school))
    pages = [reverse("projects:idea_list", args=[idea.project_id]), reverse("projects:idea_detail", args=[idea.pk])]
    staff = StaffFactory(school=school)
    _shown_then_gone([(reader, url) for url in pages], lambda: content_flag(staff=staff, target=idea, reason="Unkind"))


def test_a_hidden_idea_comment_is_gone_from_every_page(school):
    comment = IdeaCommentFactory(idea=IdeaFactory(project=ProjectFactory(school=school)), body=SECRET)
    reader = _client(PupilFactory(school=school))
    staff = StaffFactory(school=school)
    _shown_then_gone(
        [(reader, reverse("projects:idea_detail", args=[comment.idea_id]))],
        lambda: content_flag(staff=staff, target=comment, reason="Unkind"),
    )


def test_a_hidden_reflection_is_gone_from_the_live_project_report(school):
    project = ProjectFactory(school=school)
    Project.objects.filter(pk=project.pk).update(stage=Stage.CO_EVALUATE)
    member = ProjectMembershipFactory(project=project).membership
    reflection = Reflection.objects.create(project=project, author=member, kind=ReflectionKind.WORKED, text=SECRET)
    staff = StaffFactory(school=school)
    url = f"{reverse('evaluation:project_report', args=[project.pk])}?live=1"
    _shown_then_gone(
        [(_client(staff), url), (_client(member), url)],
        lambda: reflection_hide(reflection=reflection, staff=staff, reason="Names a pupil"),
    )
