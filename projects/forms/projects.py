"""Forms for projects: start one, edit it, ask to join."""

from django import forms
from django.urls import reverse

from coproschool.pickers import PickerFormMixin, SearchPicker
from projects.models import Need, Project, Stage, Visibility


class _NeedsField(forms.ModelMultipleChoiceField):
    """The needs a project answers, as a search picker over the school's open needs."""

    def __init__(self, **kwargs):
        super().__init__(
            label="Needs it answers",
            queryset=Need.objects.none(),
            widget=SearchPicker(search_fields=("title",), multiple=True),
            help_text="Search the school's needs by title and tick each one the project answers.",
            **kwargs,
        )

    def label_from_instance(self, need):
        return need.title


def _set_needs(form, needs) -> None:
    form.fields["needs"].queryset = needs
    form.fields["needs"].widget.search_url = reverse("projects:need_search")


class ProjectStartForm(PickerFormMixin, forms.Form):
    title = forms.CharField(max_length=150)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="What the project sets out to do.")
    needs = _NeedsField()

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        _set_needs(self, needs)


class ProjectEditForm(PickerFormMixin, forms.ModelForm):
    needs = _NeedsField()

    class Meta:
        model = Project
        fields = ["title", "summary", "what_you_get_back", "visibility"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "what_you_get_back": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, needs, deadlines: dict, **kwargs):
        super().__init__(*args, **kwargs)
        _set_needs(self, needs)
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
