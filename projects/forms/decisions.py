"""Forms for decisions (co-decide): set one up, record leadership's answer.

The ballots are each voting method's own (projects/voting/methods/).
"""

from django import forms
from django.utils import timezone

from people.models import YEAR_GROUPS
from projects.models import ELECTORATE_ROLES, Decision, Idea, Project
from projects.services.voting import DecisionRules
from projects.voting.registry import method_choices

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class DecisionForm(forms.Form):
    title = forms.CharField(max_length=150, help_text="The question, e.g. “Which plan for the fountains?”")
    method = forms.ChoiceField(label="How the group decides", choices=method_choices, widget=forms.RadioSelect)
    options = forms.ModelMultipleChoiceField(
        label="Ideas to choose from", queryset=Idea.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    electorate_project_members = forms.BooleanField(label="The project's members vote", required=False, initial=True)
    electorate_year_groups = forms.TypedMultipleChoiceField(
        label="Year groups who vote",
        coerce=int,
        required=False,
        choices=[(year, f"Year {year}") for year in YEAR_GROUPS],
        widget=forms.CheckboxSelectMultiple,
    )
    electorate_roles = forms.MultipleChoiceField(
        label="Whole-school groups who vote",
        required=False,
        choices=ELECTORATE_ROLES,
        widget=forms.CheckboxSelectMultiple,
    )
    budget = forms.DecimalField(
        label="Budget (£)",
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text="Participatory budgeting only. Leave empty to use the charter's money envelope.",
    )
    opens_at = forms.DateTimeField(label="Voting opens", widget=DATETIME_WIDGET)
    closes_at = forms.DateTimeField(label="Voting closes", widget=DATETIME_WIDGET)

    def __init__(self, *args, project: Project, decision: Decision | None = None, **kwargs):
        if decision is not None:
            kwargs["initial"] = {
                "title": decision.title,
                "method": decision.method,
                "options": decision.options.all(),
                "electorate_project_members": decision.electorate_project_members,
                "electorate_year_groups": decision.electorate_year_groups,
                "electorate_roles": decision.electorate_roles,
                "budget": decision.budget,
                "opens_at": timezone.localtime(decision.opens_at),
                "closes_at": timezone.localtime(decision.closes_at),
            }
        super().__init__(*args, **kwargs)
        ideas = project.ideas.filter(is_shortlisted=True, hidden_at__isnull=True).order_by("pk")
        self.fields["options"].queryset = ideas
        self.fields["options"].label_from_instance = lambda idea: (
            f"{idea.title} (£{idea.cost_money})" if idea.cost_money is not None else idea.title
        )

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", "Voting must close after it opens.")
        return data

    def rules(self) -> DecisionRules:
        data = self.cleaned_data
        return DecisionRules(
            title=data["title"],
            method=data["method"],
            options=list(data["options"]),
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            electorate_project_members=data["electorate_project_members"],
            electorate_year_groups=tuple(data["electorate_year_groups"]),
            electorate_roles=tuple(data["electorate_roles"]),
            budget=data["budget"],
        )


class AdoptionForm(forms.Form):
    adopted = forms.TypedChoiceField(
        label="Does leadership adopt the result?",
        choices=[("yes", "Yes, we adopt it"), ("no", "No, we do not adopt it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why (required when not adopting; everyone sees it next to the result)",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("adopted") is False and not data.get("reason", "").strip():
            self.add_error("reason", "Say why leadership does not adopt the result.")
        return data


class DecisionExtendForm(forms.Form):
    closes_at = forms.DateTimeField(label="Voting now closes", widget=DATETIME_WIDGET)

    def __init__(self, *args, decision: Decision, **kwargs):
        self.decision = decision
        kwargs.setdefault("initial", {"closes_at": timezone.localtime(decision.closes_at)})
        super().__init__(*args, **kwargs)

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        if closes_at <= self.decision.closes_at:
            raise forms.ValidationError("Choose a time later than the current closing time.")
        return closes_at


class ConfirmForm(forms.Form):
    """No fields: the page's button is the confirmation (works without JavaScript)."""
