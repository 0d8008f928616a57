"""`{% pk_url "app:view" pk %}`: `{% url %}` for routes of one integer pk, in list rows."""

from django import template

from coproschool.links import url_for_pk

register = template.Library()


@register.simple_tag
def pk_url(viewname: str, pk: int) -> str:
    """What `{% url viewname pk %}` gives, from one reverse per process (`coproschool.links`)."""
    return url_for_pk(viewname, pk)
