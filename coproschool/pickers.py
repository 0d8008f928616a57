"""Pickers that scale: a type-ahead search with chips in place of a long dropdown or a multi-select box.

The widget renders a search input, the chosen items as ticked chips and up to MAX_RESULTS matches as
checkboxes (or radios for one choice). With JavaScript, htmx asks a search endpoint for the matches
as you type; without it, the "Search" button re-submits the form, which `PickerFormMixin` re-renders
with what was entered and without saving. Each app's endpoint scopes the queryset (people, projects):
this module only knows querysets, so any app can use it.
"""

import re

from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import ErrorDict
from django.shortcuts import render
from django.template.loader import render_to_string

MIN_QUERY = 2
MAX_RESULTS = 20
SEARCH_BUTTON = "_picker_search"
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,49}$")


def picker_matches(*, queryset: QuerySet, query: str, search_fields: tuple[str, ...], exclude=()) -> list:
    """At most MAX_RESULTS items whose fields contain every word typed; nothing for under MIN_QUERY characters."""
    words = query.split()
    if len(query.strip()) < MIN_QUERY:
        return []
    condition = Q()
    for word in words[:5]:
        condition &= Q.create([(f"{name}__icontains", word) for name in search_fields], connector=Q.OR)
    return list(queryset.filter(condition).exclude(pk__in=list(exclude))[:MAX_RESULTS])


def _pks(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()]


def picker_context(*, name, queryset, search_fields, label, multiple, chosen_values, query, required=True) -> dict:
    chosen = list(queryset.filter(pk__in=_pks(chosen_values))) if chosen_values else []
    matches = picker_matches(
        queryset=queryset, query=query, search_fields=search_fields, exclude=[c.pk for c in chosen]
    )
    return {
        "name": name,
        "input_type": "checkbox" if multiple else "radio",
        "chosen": [(item.pk, label(item)) for item in chosen],
        "results": [(item.pk, label(item)) for item in matches],
        "query": query,
        "short_query": 0 < len(query.strip()) < MIN_QUERY,
        "min_query": MIN_QUERY,
        "max_results": MAX_RESULTS,
        "offer_nobody": not multiple and not required,
    }


def picker_search_response(request, *, queryset: QuerySet, search_fields: tuple[str, ...], label):
    """The htmx answer to a picker's search: its chips and matches, and the count for the live region.

    `name` is the form field's name (checked against a plain pattern); `mode` is "many" or "one".
    """
    name = request.GET.get("name", "")
    if not _NAME.match(name):
        name = "choice"
    multiple = request.GET.get("mode") != "one"
    values = request.GET.getlist(name) if multiple else request.GET.getlist(name)[:1]
    context = picker_context(
        name=name,
        queryset=queryset,
        search_fields=search_fields,
        label=label,
        multiple=multiple,
        chosen_values=[v for v in values if v],
        query=request.GET.get(f"{name}_q", "")[:100],
        required=request.GET.get("required") != "0",
    )
    context.update(id=request.GET.get("id", "") if _NAME.match(request.GET.get("id", "")) else f"id_{name}", oob=True)
    return render(request, "partials/picker.html#picker-body", context)


class SearchPicker(forms.Widget):
    """For a ModelChoiceField or ModelMultipleChoiceField; the form sets `search_url` (and the query, via the mixin)."""

    template_name = "partials/picker.html"

    def __init__(self, *, search_fields: tuple[str, ...], multiple: bool = False, attrs=None):
        super().__init__(attrs)
        self.search_fields = search_fields
        self.multiple = multiple
        self.search_url = ""
        self.query = ""
        self.required = True

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if self.multiple and hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        # An unticked box sends nothing: for several choices, absent means "none chosen".
        return False if self.multiple else super().value_omitted_from_data(data, files, name)

    def use_required_attribute(self, initial):
        return False

    def format_value(self, value):
        if value is None or value == "":
            return []
        return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        field = self.choices.field  # the ModelChoiceIterator the field gave this widget
        id_ = attrs.get("id", f"id_{name}")
        context.update(
            picker_context(
                name=name,
                queryset=self.choices.queryset,
                search_fields=self.search_fields,
                label=field.label_from_instance,
                multiple=self.multiple,
                chosen_values=context["widget"]["value"],
                query=self.query,
                required=self.required,
            ),
            id=id_,
            # The form's own hints (help text, errors) stay tied to the search box, after the live count.
            described_by=" ".join([f"{id_}_status", attrs.get("aria-describedby", "")]).strip(),
            invalid="is-invalid" in attrs.get("class", ""),
            search_url=self.search_url,
            mode="many" if self.multiple else "one",
        )
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's engine (template partials, the templates/ folder), not the form renderer's own.
        return render_to_string(template_name, context)  # already safe: the template escapes


class PickerFormMixin:
    """Lets a picker's "Search" button (no JavaScript) re-render the form as entered, without errors or saving."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.searching = self.is_bound and SEARCH_BUTTON in self.data
        for name, field in self.fields.items():
            if isinstance(field.widget, SearchPicker):
                field.widget.required = field.required
                if self.is_bound:
                    field.widget.query = str(self.data.get(f"{self.add_prefix(name)}_q", ""))[:100]

    def full_clean(self):
        if self.searching:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self):
        return not self.searching and super().is_valid()
