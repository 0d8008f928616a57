"""The home page: one per role, each a summary of the pages it links to."""

from django.shortcuts import render

from front.selectors import homes
from people.access import require_rule
from people.models import Role

HOME_TEMPLATES = {
    Role.PUPIL: "front/home_pupil.html",
    Role.STAFF: "front/home_staff.html",
    Role.LEADER: "front/home_leader.html",
    Role.PARENT: "front/home_parent.html",
}
# What each home page shows; staff have their dashboard (projects:dashboard) one click away.
HOME_CONTEXTS = {
    Role.PUPIL: homes.pupil_home,
    Role.STAFF: homes.staff_home,
    Role.PARENT: homes.parent_home,
    Role.LEADER: homes.leader_home,
}


@require_rule()
def home(request):
    membership = request.membership
    context = HOME_CONTEXTS[membership.role](membership)
    return render(request, HOME_TEMPLATES[membership.role], context)
