"""Forms for ideas (co-design)."""

from django import forms
from django.urls import reverse

from coproschool.pickers import PickerFormMixin, SearchPicker
from people.selectors import MEMBER_SEARCH_FIELDS, member_picker_label
from projects.models import Idea, Project


class IdeaForm(PickerFormMixin, forms.ModelForm):
    class Meta:
        model = Idea
        fields = ["title", "description", "who_it_helps", "cost_money", "cost_time", "authors", "builds_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "authors": SearchPicker(search_fields=MEMBER_SEARCH_FIELDS, multiple=True),
        }
        help_texts = {"authors": "Everyone who worked on this idea: search the project's members by name."}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        members = project.members.select_related("user").order_by("user__first_name", "user__last_name")
        self.fields["authors"].queryset = members
        self.fields["authors"].label_from_instance = member_picker_label
        self.fields["authors"].widget.search_url = reverse("projects:member_search", args=[project.pk])
        others = project.ideas.filter(hidden_at__isnull=True)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["builds_on"].queryset = others
        self.fields["builds_on"].label = "Builds on another idea (optional)"

    def clean_cost_money(self):
        cost = self.cleaned_data.get("cost_money")
        if cost is not None and cost < 0:
            raise forms.ValidationError("A cost cannot be negative.")
        return cost
