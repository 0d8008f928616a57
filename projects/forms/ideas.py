"""Forms for ideas (co-design)."""

from django import forms

from projects.models import Idea, Project


class IdeaForm(forms.ModelForm):
    class Meta:
        model = Idea
        fields = ["title", "description", "who_it_helps", "cost_money", "cost_time", "authors", "builds_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"authors": "Everyone who worked on this idea. Hold Ctrl (or Cmd) to choose several."}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        members = project.members.select_related("user").order_by("user__first_name", "user__last_name")
        self.fields["authors"].queryset = members
        self.fields["authors"].label_from_instance = lambda m: m.user.display_name
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
