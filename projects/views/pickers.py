"""The matches for the pickers of project forms (coproschool/pickers.py): a project's members, the school's needs."""

from coproschool.pickers import picker_search_response
from people.access import require_rule
from people.selectors import MEMBER_SEARCH_FIELDS, member_picker_label
from projects.access import get_project_for
from projects.selectors.delivery import member_choices
from projects.selectors.needs import needs_choosable


@require_rule("projects.view_projects")
def member_search(request, pk: int):
    """Idea authors and peer roles: only the members of a project the viewer can see."""
    project = get_project_for(request, pk, "projects.search_members")
    return picker_search_response(
        request, queryset=member_choices(project), search_fields=MEMBER_SEARCH_FIELDS, label=member_picker_label
    )


@require_rule("projects.start_project")
def need_search(request):
    """The needs a project can answer, in the viewer's school."""
    return picker_search_response(
        request, queryset=needs_choosable(school=request.school), search_fields=("title",), label=lambda n: n.title
    )
