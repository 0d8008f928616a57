"""Forms for co-decide and co-deliver: they parse and validate input; services apply the rules."""

from django import forms
from django.utils import timezone

from people.models import YEAR_GROUPS, Membership, Role
from projects.models import (
    ELECTORATE_ROLES,
    AttendanceStatus,
    Decision,
    DecisionMethod,
    Idea,
    PeerRoleKind,
    Project,
    TaskStatus,
)
from projects.services.voting import DecisionRules

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _name(membership: Membership) -> str:
    return membership.user.display_name


class DecisionForm(forms.Form):
    title = forms.CharField(max_length=150, help_text="The question, e.g. “Which plan for the fountains?”")
    method = forms.ChoiceField(label="How the group decides", choices=DecisionMethod.choices, widget=forms.RadioSelect)
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


class BallotForm(forms.Form):
    """Approval and budget: tick any ideas. Ranked: give ideas a rank (1 = first choice); no JavaScript needed."""

    def __init__(self, *args, decision: Decision, current: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ranked = decision.method == DecisionMethod.RANKED
        ideas = list(decision.options.all())
        current = current or []
        if self.ranked:
            ranks = [("", "Not ranked")] + [(n, f"{n}") for n in range(1, len(ideas) + 1)]
            for idea in ideas:
                self.fields[f"rank_{idea.pk}"] = forms.TypedChoiceField(
                    label=idea.title,
                    choices=ranks,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=current.index(idea.pk) + 1 if idea.pk in current else "",
                )
        else:
            costs = decision.method == DecisionMethod.BUDGET
            self.fields["choices"] = forms.TypedMultipleChoiceField(
                label="Ideas you support",
                coerce=int,
                choices=[(i.pk, f"{i.title} (£{i.cost_money})" if costs else i.title) for i in ideas],
                widget=forms.CheckboxSelectMultiple,
                initial=current,
                error_messages={"required": "Tick at least one idea."},
            )
        self.idea_ids = [idea.pk for idea in ideas]

    def clean(self):
        data = super().clean()
        if not self.ranked:
            return data
        ranks = {pk: data.get(f"rank_{pk}") for pk in self.idea_ids if data.get(f"rank_{pk}")}
        if not ranks:
            raise forms.ValidationError("Give a rank to at least one idea (1 is your first choice).")
        if len(set(ranks.values())) != len(ranks):
            raise forms.ValidationError("Give each idea a different rank.")
        data["ranking"] = sorted(ranks, key=ranks.get)
        return data

    def choices(self) -> list[int]:
        return self.cleaned_data["ranking"] if self.ranked else self.cleaned_data["choices"]


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


class _MembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{_name(membership)} ({membership.get_role_display().lower()})"


class TaskForm(forms.Form):
    title = forms.CharField(max_length=200)
    owners = _MembersField(
        label="Owners", queryset=Membership.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    due_on = forms.DateField(label="Due date", required=False, widget=DATE_WIDGET)
    checklist = forms.CharField(
        label="Checklist (one step a line)", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = members
        self.fields["owners"].help_text = "Pupils are listed first: pupils lead the delivery."

    def checklist_lines(self) -> list[str]:
        return [line for line in self.cleaned_data["checklist"].splitlines() if line.strip()]


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=TaskStatus.choices)
    reason = forms.CharField(label="Why deferred", required=False, max_length=1000)

    def clean(self):
        data = super().clean()
        if data.get("status") == TaskStatus.DEFERRED and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the task is deferred.")
        return data


class SessionForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=DATE_WIDGET)
    place = forms.CharField(max_length=150)
    agenda = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))


class AttendanceForm(forms.Form):
    def __init__(self, *args, members, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=_name(member),
                choices=AttendanceStatus.choices,
                required=False,
                initial=current.get(member.pk),
                widget=forms.RadioSelect,
            )

    def attendance(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"member_{m.pk}"] for m in self.members if self.cleaned_data[f"member_{m.pk}"]}


class _MemberField(forms.ModelChoiceField):
    def label_from_instance(self, membership):
        return f"{_name(membership)} ({membership.get_role_display().lower()})"


class PeerRoleForm(forms.Form):
    kind = forms.ChoiceField(label="Role", choices=PeerRoleKind.choices)
    holder = _MemberField(label="Who holds it", queryset=Membership.objects.none())
    supports = _MemberField(label="Who they support (optional)", queryset=Membership.objects.none(), required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = members
        self.fields["supports"].queryset = members

    def clean(self):
        data = super().clean()
        if data.get("holder") and data.get("holder") == data.get("supports"):
            self.add_error("supports", "Someone cannot support themselves.")
        return data


class GoalForm(forms.Form):
    pupil = _MemberField(label="Pupil", queryset=Membership.objects.none())
    goal = forms.CharField(max_length=300)
    steps = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    project = forms.ModelChoiceField(label="Project (optional)", queryset=Project.objects.none(), required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = (
            Membership.objects.filter(school=school, role=Role.PUPIL, is_active=True)
            .select_related("user")
            .order_by("year_group", "user__last_name", "user__first_name")
        )
        self.fields["project"].queryset = Project.objects.filter(school=school).order_by("title")


class GoalNoteForm(forms.Form):
    body = forms.CharField(label="Progress note", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
