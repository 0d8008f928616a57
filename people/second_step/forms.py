from django import forms

CHOICES = [
    ("on", "Yes: staff, leaders and safeguarding leads need a second step to open a pupil's data"),
    ("off", "No: a password is enough"),
]


class SchoolSecondStepForm(forms.Form):
    """A leader's choice, confirmed: switching it off lets a guessed or stolen password open pupils' data."""

    need = forms.ChoiceField(label="Ask adults for a second sign-in step?", choices=CHOICES, widget=forms.RadioSelect)
    confirm = forms.BooleanField(
        label="I have checked this with the school's data protection lead",
        required=True,
        error_messages={"required": "Tick the box to confirm the change."},
    )

    def need_value(self) -> bool:
        return self.cleaned_data["need"] == "on"
