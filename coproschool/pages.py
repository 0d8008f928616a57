"""Page helpers every app's views share."""

from django.shortcuts import render


def form_page(request, *, form, title: str, submit: str, cancel_url: str, intro: str = "", danger: bool = False):
    """One template for every single-form page (raise, decline, merge, report, erase...)."""
    return render(
        request,
        "form_page.html",
        {"form": form, "title": title, "submit": submit, "cancel_url": cancel_url, "intro": intro, "danger": danger},
    )
