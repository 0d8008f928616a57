from datetime import date

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from projects.models.moderation import HIDDEN_NAME, name_consented_for
from projects.money import pounds

register = template.Library()


@register.filter
def author_for(content, viewer) -> str:
    """`{{ need|author_for:membership }}`: the author's name, or "A pupil (name hidden)" for other pupils."""
    return content.author_label_for(viewer)


@register.simple_tag
def idea_author_name(author, idea, viewer) -> str:
    """`{% idea_author_name author idea membership %}`: the name, unless the author's parents have not
    agreed to it being shown to this viewer."""
    return author.user.display_name if name_consented_for(author, viewer, idea.project) else HIDDEN_NAME


register.filter("pounds", pounds)


@register.filter
def due_date(day: date | None) -> str:
    """`{{ task.due_on|due_date }}`: "1 Jan" this year, "1 Jan 2020" otherwise, so an old date never reads as new."""
    if day is None:
        return ""
    return date_format(day, "j M" if day.year == timezone.localdate().year else "j M Y")
