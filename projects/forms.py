"""Forms of the projects app: they parse and validate input; services apply the rules."""

from django import forms

from projects.models import Charter, Idea, Need, NeedCategory, NeedStatus, Project, Stage, Visibility

NEED_SORTS = [("backed", "Most backed"), ("newest", "Newest")]


class NeedFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    category = forms.ChoiceField(label="Category", required=False, choices=[("", "Any"), *NeedCategory.choices])
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Open, in a project or declined"), *NeedStatus.choices]
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=NEED_SORTS)


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["title", "problem", "affects", "category", "hide_author"]
        widgets = {"problem": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, can_hide_author: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_hide_author:
            del self.fields["hide_author"]
        elif not self.instance.pk:
            self.initial["hide_author"] = True  # a pupil's name is hidden from other pupils unless they choose


class CommentForm(forms.Form):
    body = forms.CharField(label="Your comment", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    hide_author = forms.BooleanField(
        label="Hide my name from other pupils", required=False, help_text="Staff always see who wrote it."
    )

    def __init__(self, *args, can_hide_author: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_hide_author:
            del self.fields["hide_author"]
        else:
            self.fields["hide_author"].initial = True  # most private by default; one untick shows the name


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label: str = "Reason", required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].required = required


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label="Merge into", queryset=Need.objects.none())

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = needs


class ProjectStartForm(forms.Form):
    title = forms.CharField(max_length=150)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="What the project sets out to do.")
    needs = forms.ModelMultipleChoiceField(
        label="Needs it answers", queryset=Need.objects.none(), help_text="Hold Ctrl (or Cmd) to choose several."
    )

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs


class ProjectEditForm(forms.ModelForm):
    needs = forms.ModelMultipleChoiceField(label="Needs it answers", queryset=Need.objects.none())

    class Meta:
        model = Project
        fields = ["title", "summary", "what_you_get_back", "visibility"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "what_you_get_back": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, needs, deadlines: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        self.fields["visibility"].choices = Visibility.choices
        for stage in Stage:
            if stage == Stage.COMPLETED:
                continue
            self.fields[f"deadline_{stage}"] = forms.DateField(
                label=f"{stage.label} deadline",
                required=False,
                initial=deadlines.get(stage),
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def deadlines(self) -> dict:
        return {stage: self.cleaned_data.get(f"deadline_{stage}") for stage in Stage if stage != Stage.COMPLETED}


class JoinRequestForm(forms.Form):
    message = forms.CharField(label="Why you want to join (optional)", max_length=500, required=False)


class StageBackForm(forms.Form):
    to_stage = forms.ChoiceField(label="Go back to")
    reason = forms.CharField(label="Why go back?", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        current = Stage(project.stage)
        self.fields["to_stage"].choices = [(s.value, s.label) for s in Stage if s.position < current.position]


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


class CharterForm(forms.ModelForm):
    class Meta:
        model = Charter
        fields = ["term", "may_decide", "budget_money", "budget_time", "budget_space", "red_lines", "accepted_risks"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ["may_decide", "red_lines", "accepted_risks"]}

    def clean_budget_money(self):
        money = self.cleaned_data["budget_money"]
        if money < 0:
            raise forms.ValidationError("The money envelope cannot be negative.")
        return money


class ReportForm(forms.Form):
    reason = forms.CharField(label="What is wrong?", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    is_safeguarding = forms.BooleanField(
        label="Someone may be at risk (safeguarding concern)",
        required=False,
        help_text="Goes privately to the school's safeguarding lead and hides the content at once.",
    )
    hide_now = forms.BooleanField(label="Hide it now (staff)", required=False)

    def __init__(self, *args, is_staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_staff:
            del self.fields["hide_now"]


class SafeguardingOutcomeForm(forms.Form):
    outcome = forms.CharField(label="What was done", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    restore_content = forms.BooleanField(label="Show the content again", required=False)


class UninvolvedPupilsFilterForm(forms.Form):
    """The dashboard's filter of pupils not involved yet: by year group and by form."""

    year_group = forms.TypedChoiceField(label="Year group", required=False, coerce=int, empty_value=None)
    form = forms.ChoiceField(label="Form", required=False)

    def __init__(self, *args, forms_by_year: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted({year for year, _ in forms_by_year})
        self.fields["year_group"].choices = [("", "All year groups")] + [(y, f"Year {y}") for y in years]
        self.fields["form"].choices = [("", "All forms")] + [(f, f) for f in dict.fromkeys(f for _, f in forms_by_year)]
