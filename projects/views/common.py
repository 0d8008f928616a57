"""Small helpers shared by the projects views (`form_page` is the site's, re-exported for them)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from coproschool.pages import form_page
from projects.errors import ProjectError
from projects.forms import CommentForm

PER_PAGE = 20
__all__ = ["comment_post", "form_page", "paginate", "redirect_back"]


def redirect_back(request, fallback: str):
    """Back to `next` when it is a safe local URL (the page the button was on), else `fallback`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def paginate(request, items):
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def comment_post(request, *, add: Callable[..., object], success_url: str, template: str, context: dict):
    """Post a comment with `add(author=, body=, hide_author=)`; on a bad form, the page again with errors."""
    form = CommentForm(request.POST, can_hide_author=request.membership.is_pupil)
    if form.is_valid():
        try:
            add(
                author=request.membership,
                body=form.cleaned_data["body"],
                hide_author=form.cleaned_data.get("hide_author", False),
            )
        except ProjectError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Comment added.")
            return redirect(success_url)
    return render(request, template, {**context, "comment_form": form}, status=400)
