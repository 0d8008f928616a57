"""Staff invite pupils not yet heard (from the dashboard and the school report); a pupil answers.

The invite page works without JavaScript: the filter is a GET form, the list a form of checkboxes
whose "Select all shown" box means every pupil listed, and the filter travels with the POST so the
server lists the same pupils again. At most `MAX_PUPILS` are listed, with the full count.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from evaluation.figures import period_between, this_term
from evaluation.invitations import selectors
from evaluation.invitations.forms import AnswerForm, InviteFilterForm, InviteForm
from evaluation.invitations.services import MAX_PUPILS, InvitationError, invitation_answer, invitations_send
from evaluation.reports.periods import ReportPeriodForm
from people.access import require_rule

INVITE = "evaluation.invite_pupils"


def _period(data):
    """The report's period when the page was opened from it (?start=&end=), else this term."""
    today = timezone.localdate()
    if "start" in data or "end" in data:
        form = ReportPeriodForm(data)
        if form.is_valid():
            return period_between(form.cleaned_data["start"], form.cleaned_data["end"], today=today), form
    return this_term(today), None


def _count_sentence(count: int, shown: int) -> str:
    pupils = f"{count} pupil{'s' if count != 1 else ''}"
    if count > shown:
        return f"{pupils} not yet heard. The first {shown} are listed: choose a year group or form to reach the others."
    return f"{pupils} not yet heard."


@require_rule(INVITE)
def invite_pupils(request):
    school = request.school
    source = request.POST if request.method == "POST" else request.GET
    period, period_form = _period(source)
    filter_form = InviteFilterForm(
        source or None,
        forms_by_year=selectors.pupil_forms(school=school),
        special_category=school.special_category_enabled,
    )
    filters = filter_form.filters()
    pupils = selectors.invitable_pupils(school=school, period=period, **filters)
    count = pupils.count()
    listed = list(pupils[:MAX_PUPILS])
    targets = selectors.invitation_targets(school=school)
    form = InviteForm(
        request.POST if request.method == "POST" else None,
        shown_ids=[pupil.pk for pupil in listed],
        targets=targets,
        initial={"target": request.GET.get("target", "")},
    )
    # The filter and period as the links and the POST carry them.
    carried = {key: value for key, value in source.items() if key in {*filter_form.fields, "start", "end"} and value}
    if request.method == "POST" and form.is_valid():
        target = selectors.target_get(school=school, value=form.cleaned_data["target"])
        try:
            if target is None:
                raise InvitationError("That is no longer open to pupils: choose another project, need or survey.")
            result = invitations_send(
                inviter=request.membership,
                target=target,
                pupil_ids=form.cleaned_data["pupils"],
                message=form.cleaned_data["message"],
            )
        except InvitationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _sent_sentence(result, selectors.target_words(target)))
            return redirect(f"{reverse('evaluation:invite_pupils')}?{urlencode(carried)}")
    context = {
        "filter_form": filter_form,
        "form": form,
        "pupils": listed,
        "count": count,
        "count_sentence": _count_sentence(count, len(listed)),
        "period": period,
        "period_form": period_form,
        "carried": carried,
        "has_targets": any(targets.values()),
        "special_category": school.special_category_enabled,
    }
    return render(request, "evaluation/invitations/invite.html", context)


def _sent_sentence(result, words: str) -> str:
    parts = [f"{result.invited} pupil{'s' if result.invited != 1 else ''} invited to {words[0].lower()}{words[1:]}."]
    if result.skipped:
        parts.append(
            f"{result.skipped} {'was' if result.skipped == 1 else 'were'} already invited to it and "
            f"{'was' if result.skipped == 1 else 'were'} skipped."
        )
    if result.left_out:
        parts.append(
            f"{result.left_out} could not be invited: already in it, not in its audience, left the school, "
            "or their parent or carer has not agreed to them taking part yet."
        )
    return " ".join(parts)


@require_POST
@require_rule("evaluation.answer_invitation")
def invitation_respond(request, pk: int):
    """One tap: "Yes, I'll join" does the thing (asks to join, opens the need or the survey); "Not now"
    says no and goes back home."""
    invitation = selectors.invitation_for(pupil=request.membership, pk=pk)
    if invitation is None:
        raise Http404("No such invitation for you.")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose “Yes, I'll join” or “Not now”.")
        return redirect("home")
    accept = form.cleaned_data["answer"] == "yes"
    try:
        invitation_answer(invitation=invitation, pupil=request.membership, accept=accept)
    except InvitationError as error:
        messages.error(request, str(error))
        return redirect("home")
    if not accept:
        messages.success(request, "OK, not now. You can still join in any time.")
        return redirect("home")
    if invitation.project_id:
        messages.success(request, "Great! You asked to join. A lead or facilitator will answer soon.")
        return redirect(invitation.project.get_absolute_url())
    if invitation.need_id:
        return redirect(invitation.need.get_absolute_url())
    return redirect("evaluation:start", invitation.survey_id)
