"""Forms for projects: start one, edit it, ask to join."""

from django import forms

from projects.models import Need, Project, Stage, Visibility


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
