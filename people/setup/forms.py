from django import forms

from people.models import Role


class SchoolCreateForm(forms.Form):
    name = forms.CharField(label="The school's name", max_length=200)
    leader_first_name = forms.CharField(label="First leader's first name", max_length=150)
    leader_last_name = forms.CharField(label="First leader's last name", max_length=150)
    leader_email = forms.EmailField(label="First leader's email", help_text="They get a link to make their account.")


class StaffInviteForm(forms.Form):
    first_name = forms.CharField(max_length=150, widget=forms.TextInput({"autocomplete": "off"}))
    last_name = forms.CharField(max_length=150, widget=forms.TextInput({"autocomplete": "off"}))
    email = forms.EmailField(label="School email")
    role = forms.ChoiceField(
        choices=[(Role.STAFF, "Staff: facilitates projects"), (Role.LEADER, "Leader: also signs off and shares power")],
        initial=Role.STAFF,
        widget=forms.RadioSelect,
    )


class SafeguardingLeadsForm(forms.Form):
    """One row of two boxes per member of staff; the posted state is the whole new state."""

    leads = forms.MultipleChoiceField(
        label="Designated safeguarding leads", widget=forms.CheckboxSelectMultiple, required=False
    )
    deputies = forms.MultipleChoiceField(
        label="Deputy safeguarding leads",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="They get a concern when no lead has opened it in time.",
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(member.pk), member.user.display_name) for member in staff]
        self.fields["leads"].choices = self.fields["deputies"].choices = choices
        self.initial.setdefault("leads", [str(m.pk) for m in staff if m.is_safeguarding_lead])
        self.initial.setdefault("deputies", [str(m.pk) for m in staff if m.is_deputy_safeguarding_lead])

    def clean(self):
        data = super().clean()
        if not data.get("leads"):
            self.add_error("leads", "Name at least one designated safeguarding lead: concerns must reach someone.")
        elif set(data["leads"]) & set(data.get("deputies", [])):
            self.add_error("deputies", "A person is either a lead or a deputy, not both.")
        return data
