from django import template

from projects.selectors.projects import projects_for_member

register = template.Library()


@register.inclusion_tag("projects/_my_projects.html")
def my_projects(membership) -> dict:
    """`{% my_projects membership %}`: the member's projects, for their home page."""
    return {"my_projects": projects_for_member(membership)}


@register.filter
def author_for(content, viewer) -> str:
    """`{{ need|author_for:membership }}`: the author's name, or "A pupil (name hidden)" for other pupils."""
    return content.author_label_for(viewer)
