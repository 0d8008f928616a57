from django import template

from projects.money import pounds

register = template.Library()


@register.filter
def author_for(content, viewer) -> str:
    """`{{ need|author_for:membership }}`: the author's name, or "A pupil (name hidden)" for other pupils."""
    return content.author_label_for(viewer)


register.filter("pounds", pounds)
