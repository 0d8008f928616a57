"""Pupils tell a trusted adult privately; the safeguarding leads keep the word list that holds posts."""

from django.contrib import messages
from django.shortcuts import redirect, render

from people.access import require_rule
from people.safeguarding.words import DEFAULT_WORDS, WordListInvalid, word_list_get, word_list_set
from projects.errors import ProjectError
from projects.forms.moderation import TrustedAdultForm, WordListForm
from projects.services.safeguarding import private_message_send

CHILDLINE = "Childline, 0800 1111"


@require_rule("projects.tell_trusted_adult")
def tell_trusted_adult(request):
    form = TrustedAdultForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            private_message_send(pupil=request.membership, body=form.cleaned_data["body"])
        except ProjectError as error:
            form.add_error("body", str(error))
        else:
            return redirect("projects:tell_trusted_adult_sent")
    return render(request, "projects/moderation/tell_trusted_adult.html", {"form": form, "childline": CHILDLINE})


@require_rule("projects.tell_trusted_adult")
def tell_trusted_adult_sent(request):
    return render(request, "projects/moderation/tell_trusted_adult_sent.html", {"childline": CHILDLINE})


@require_rule("projects.handle_safeguarding")
def word_list_edit(request):
    school = request.membership.school
    initial = {"words": "\n".join(word_list_get(school=school))}
    form = WordListForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            words = word_list_set(school=school, lead=request.membership, text="\n".join(form.cleaned_data["words"]))
        except WordListInvalid as error:
            form.add_error("words", str(error))
        else:
            messages.success(request, f"Saved: {len(words)} words and phrases hold a post for a check.")
            return redirect("projects:safeguarding_words")
    return render(request, "projects/moderation/word_list.html", {"form": form, "default_words": DEFAULT_WORDS})
