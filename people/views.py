from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from people import selectors, services
from people.access import require_rule
from people.forms import FirstPasswordForm, PeopleFilterForm
from people.models import Membership, Role

HOME_TEMPLATES = {
    Role.PUPIL: "people/home_pupil.html",
    Role.STAFF: "people/home_staff.html",
    Role.LEADER: "people/home_leader.html",
    Role.PARENT: "people/home_parent.html",
}
PEOPLE_PER_PAGE = 50


@require_rule()
def home(request):
    membership = request.membership
    context = {}
    if membership.is_parent:
        context["children_links"] = membership.children_links.select_related("pupil__user")
    return render(request, HOME_TEMPLATES[membership.role], context)


@login_required
def first_password(request):
    if not request.user.must_change_password:
        return redirect("home")
    form = FirstPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_set_own_password(user=request.user, password=form.cleaned_data["new_password1"], request=request)
        messages.success(request, "Your new password is set. Use it next time you sign in.")
        return redirect("home")
    return render(request, "people/first_password.html", {"form": form})


@require_rule("people.view_people")
def people_list(request):
    school = request.school
    form = PeopleFilterForm(request.GET or None, year_groups=selectors.year_groups_in(school=school))
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.people_list(
        school=school,
        search=filters.get("q") or "",
        role=filters.get("role") or "",
        year_group=filters.get("year_group"),
    )
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "people/people_list.html", {"form": form, "page": page})


@require_rule("people.view_people")
def person_detail(request, pk: int):
    try:
        person = selectors.membership_get(school=request.school, pk=pk)
    except Membership.DoesNotExist:
        raise Http404("No such person in your school.") from None
    return render(request, "people/person_detail.html", {"person": person})
