"""The living style page (/styleguide/): staff see every component drawn by the pages' own partials."""

import re

import pytest
from django.urls import reverse

from projects.models import Stage
from tests.factories import IdeaFactory, NeedFactory

pytestmark = pytest.mark.django_db
URL = reverse("styleguide")


def test_staff_see_every_component_with_the_schools_own_cards(client_for, staff, project):
    NeedFactory(school=staff.school, title="Fountains are broken")
    IdeaFactory(project=project, title="A bottle station")
    page = client_for(staff).get(URL)
    assert page.status_code == 200
    text = page.text
    for heading in ("Colour", "Type", "Buttons", "Stage badges", "Stage stepper", "Cards", "Empty state"):
        assert f">{heading}</h2>" in text
    for heading in ("Forms with errors", "Rank list", "Alerts", "Tables", "Navigation"):
        assert f">{heading}</h2>" in text
    for stage in Stage:  # each stage's badge with its name
        assert re.search(rf'class="stage-badge stage-{stage.value}">.*?<span>{stage.label}</span>', text)
    assert 'aria-current="step"' in text
    assert "Fountains are broken" in text and project.title in text and "A bottle station" in text
    assert "This field is required." in text and "Enter a valid email address." in text
    assert "empty-state-illustrated" in text
    assert 'data-rank-field="rank_2"' in text and "Up: move A quiet corner up" in text


def test_the_style_page_is_drawn_without_any_need_project_or_idea(client_for, staff):
    text = client_for(staff).get(URL).text
    assert "No need yet to show." in text and "No project yet to show." in text


@pytest.mark.parametrize("who", ["pupil", "parent"])
def test_pupils_and_parents_are_refused_the_style_page(client_for, who, request):
    assert client_for(request.getfixturevalue(who)).get(URL).status_code == 403
