"""The living style page (docs/design.md): every component of the design system, drawn by the same
templates and partials the pages use, with the school's own needs, projects and ideas where it has them."""

from django.shortcuts import render

from front.forms import StyleguideSampleForm
from people.access import require_rule
from projects.models import Idea, Project, Stage
from projects.selectors.ideas import ideas_list
from projects.selectors.needs import needs_list
from projects.selectors.projects import projects_list, stage_timeline
from projects.stage_look import STAGE_LOOK
from projects.voting.methods.ranked import RankBallot

# The rank list is drawn with the ranked ballot's own form; these ideas exist only on this page.
SAMPLE_RANKING = ["Beanbags in the library", "A quiet corner", "Board games at lunch"]


@require_rule("front.view_styleguide")
def styleguide(request):
    viewer = request.membership
    projects = projects_list(viewer=viewer)
    project_with_ideas = projects.filter(ideas__isnull=False).distinct().first()
    form = StyleguideSampleForm({"title": "", "email": "not an address", "year": "", "agree": ""})
    form.is_valid()  # bound with mistakes on purpose: the page shows how errors read
    context = {
        "need": needs_list(viewer=viewer).first(),
        "project": projects.first(),
        "idea": ideas_list(viewer=viewer, project=project_with_ideas).first() if project_with_ideas else None,
        "can_shortlist": False,
        "stages": [(stage, STAGE_LOOK[stage]) for stage in Stage],
        # A project half way through, drawn by the same stepper as a project page.
        "timeline": stage_timeline(project=Project(stage=Stage.CO_DECIDE), transitions=[], deadlines={}),
        "form": form,
        "ballot_form": RankBallot(
            ideas=[Idea(pk=number, title=title) for number, title in enumerate(SAMPLE_RANKING, 1)], current=[]
        ),
        "colours": ["brand", "brand-dark", "brand-tint", "accent", "success", "danger", "text", "text-muted"],
    }
    return render(request, "front/styleguide.html", context)
