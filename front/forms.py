from django import forms

from audit.sentences import KINDS
from projects.models import Project


class AuditLogFilterForm(forms.Form):
    """The "What happened" filters: all optional; an invalid one is reported and the others still apply."""

    project = forms.ModelChoiceField(queryset=Project.objects.none(), required=False, empty_label="Any project")
    person = forms.CharField(
        required=False, max_length=100, label="Person", help_text="Who acted, or who it was about: part of a name."
    )
    kind = forms.ChoiceField(required=False, choices=[("", "Anything")])
    start = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(school=school).only("title").order_by("title")
        self.fields["kind"].choices = [("", "Anything"), *KINDS.items()]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:  # the field says it is wrong, and where the message is
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] += " is-invalid"
                attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}_error"})

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date is before the start date.")
        return cleaned


class StyleguideSampleForm(forms.Form):
    """A form shown with its errors on the style page (/styleguide/): how every form reports a mistake."""

    title = forms.CharField(max_length=80, label="What should change?", help_text="One short sentence.")
    email = forms.EmailField(label="Email address")
    year = forms.ChoiceField(label="Year group", choices=[("", "Choose a year"), ("7", "Year 7"), ("8", "Year 8")])
    agree = forms.BooleanField(label="I have read the charter")
