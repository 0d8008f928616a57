"""`url_for_pk` (and `{% pk_url %}`) give exactly what reverse() gives, under any script prefix."""

import pytest
from django.template import Context, Template
from django.urls import clear_script_prefix, reverse, set_script_prefix

from coproschool.links import url_for_pk

ROUTES = ["projects:need_detail", "projects:need_back", "projects:project_detail", "evaluation:start", "people:detail"]


@pytest.mark.parametrize("viewname", ROUTES)
@pytest.mark.parametrize("pk", [1, 42, 1234567890, 98765432109])
def test_same_as_reverse(viewname, pk):
    assert url_for_pk(viewname, pk) == reverse(viewname, args=[pk])


def test_follows_the_script_prefix():
    set_script_prefix("/trust/")
    try:
        assert url_for_pk("projects:need_detail", 7) == reverse("projects:need_detail", args=[7])
        assert url_for_pk("projects:need_detail", 7).startswith("/trust/")
    finally:
        clear_script_prefix()
    assert not url_for_pk("projects:need_detail", 7).startswith("/trust/")


def test_a_pk_that_is_not_a_number_is_refused():
    with pytest.raises(ValueError):
        url_for_pk("projects:need_detail", "7/../admin")


def test_the_template_tag_renders_the_url_and_sets_a_variable():
    template = Template(
        "{% load links %}{% pk_url 'projects:need_detail' pk %}|{% pk_url 'projects:need_back' pk as back %}{{ back }}"
    )
    assert (
        template.render(Context({"pk": 5}))
        == f"{reverse('projects:need_detail', args=[5])}|{reverse('projects:need_back', args=[5])}"
    )
