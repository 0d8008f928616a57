"""Reads of single sign-on: a school's sign-in by its short name, and finding one's school."""

from django.db.models import QuerySet

from people.models import School, SchoolSignIn

FIND_AT_MOST = 10


def school_sign_in_by_slug(*, slug: str) -> SchoolSignIn | None:
    return SchoolSignIn.objects.select_related("school").filter(school__slug=slug).first()


def school_sign_in_of(*, school: School) -> SchoolSignIn | None:
    return SchoolSignIn.objects.filter(school=school).first()


def school_sign_ins_found(*, text: str) -> QuerySet[SchoolSignIn]:
    """Schools with single sign-on, found by a school address ("sam@hillside.sch.uk") or part of a name."""
    text = text.strip()
    found = SchoolSignIn.objects.select_related("school").order_by("school__name")
    if "@" in text:
        return found.filter(email_domains__contains=[text.rpartition("@")[2].lower()])[:FIND_AT_MOST]
    if len(text) < 3:
        return found.none()
    return found.filter(school__name__icontains=text)[:FIND_AT_MOST]
