"""Forms for stage moves."""

from django import forms

from projects.models import Project, Stage


class StageBackForm(forms.Form):
    to_stage = forms.ChoiceField(label="Go back to")
    reason = forms.CharField(label="Why go back?", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        current = Stage(project.stage)
        self.fields["to_stage"].choices = [(s.value, s.label) for s in Stage if s.position < current.position]
