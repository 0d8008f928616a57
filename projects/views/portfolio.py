"""A pupil's portfolio and the record of achievement (PDF) they can take away."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify

from coproschool.pdf import pdf_render
from people.access import check_rule, require_rule
from people.models import Membership, Role
from projects.selectors.portfolio import portfolio_for

RECORD_BODY = "projects/portfolio/record.html"


def _portfolio(request, pk: int):
    pupil = get_object_or_404(
        Membership.objects.select_related("user", "school"), school=request.school, role=Role.PUPIL, pk=pk
    )
    check_rule("projects.view_portfolio", request.membership, pupil)
    return portfolio_for(pupil=pupil, viewer=request.membership)


@require_rule(pupil_data=True)
def portfolio(request, pk: int):
    return render(request, "projects/portfolio.html", {"portfolio": _portfolio(request, pk)})


@require_rule(pupil_data=True)
def portfolio_record(request, pk: int):
    record = _portfolio(request, pk).shown_to_others()
    pdf = pdf_render(
        body_template=RECORD_BODY,
        context={
            "portfolio": record,
            "title": f"Record of achievement: {record.pupil.user.display_name}",
            "school_name": record.pupil.school.name,
            "period": record.period,
            "generated_at": timezone.now(),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(record.pupil.user.display_name) or "pupil"
    response["Content-Disposition"] = f'inline; filename="record-of-achievement-{name}.pdf"'
    return response
