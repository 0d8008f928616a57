"""The power-sharing charter: everyone reads it (with its versions), leaders edit it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from people.access import require_rule
from projects.errors import ProjectError
from projects.forms import CharterForm
from projects.selectors.charter import charter_for, charter_versions, money_left
from projects.services.charter import charter_save
from projects.views.common import form_page


@require_rule("projects.view_charter")
def charter_detail(request):
    charter = charter_for(school=request.school)
    versions = charter_versions(charter=charter) if charter else []
    money = money_left(school=request.school, charter=charter) if charter else None
    return render(request, "projects/charter/detail.html", {"charter": charter, "versions": versions, "money": money})


@require_rule("projects.edit_charter")
def charter_edit(request):
    charter = charter_for(school=request.school)
    form = CharterForm(request.POST if request.method == "POST" else None, instance=charter)
    if request.method == "POST" and form.is_valid():
        try:
            charter_save(leader=request.membership, **form.cleaned_data)
        except ProjectError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Charter saved. Every project shows this version; the earlier one is kept.")
            return redirect("projects:charter")
    return form_page(
        request,
        form=form,
        title="Edit the power-sharing charter",
        submit="Save the charter",
        cancel_url=reverse("projects:charter"),
        intro="Say honestly what groups may decide this term and what is off the table, so nobody is misled.",
    )
