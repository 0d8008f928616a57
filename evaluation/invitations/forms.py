"""The invite page's two forms: which pupils to show (GET), and whom to invite to what (POST)."""

from django import forms

from evaluation.invitations.services import MAX_PUPILS, MESSAGE_MAX_LENGTH
from people.models import SenStatus

KIND_LABELS = {"project": "Projects (join)", "need": "Needs (have a look)", "survey": "Surveys (answer)"}


class InviteFilterForm(forms.Form):
    """By year group and form; by SEN and pupil premium only when the school records them."""

    year_group = forms.TypedChoiceField(label="Year group", required=False, coerce=int, empty_value=None)
    form = forms.ChoiceField(label="Form", required=False)
    sen_status = forms.ChoiceField(label="SEN", required=False)
    pupil_premium = forms.TypedChoiceField(
        label="Pupil premium",
        required=False,
        choices=[("", "Everyone"), ("yes", "Pupil premium"), ("no", "Not pupil premium")],
        coerce=lambda value: value == "yes",
        empty_value=None,
    )

    def __init__(self, *args, forms_by_year: list[tuple[int, str]], special_category: bool, **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted({year for year, _ in forms_by_year})
        self.fields["year_group"].choices = [("", "All year groups")] + [(y, f"Year {y}") for y in years]
        self.fields["form"].choices = [("", "All forms")] + [(f, f) for f in dict.fromkeys(f for _, f in forms_by_year)]
        if special_category:
            recorded = [(value, label) for value, label in SenStatus.choices if value]
            self.fields["sen_status"].choices = [("", "Everyone"), ("any", "Any SEN"), *recorded]
        else:
            # Not offered, and ignored if sent: the school has not recorded a basis for these.
            del self.fields["sen_status"]
            del self.fields["pupil_premium"]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "year_group": data.get("year_group"),
            "form": data.get("form") or "",
            "sen_status": data.get("sen_status") or "",
            "pupil_premium": data.get("pupil_premium"),
        }


class InviteForm(forms.Form):
    pupils = forms.MultipleChoiceField(label="Pupils", required=False, widget=forms.CheckboxSelectMultiple)
    all_shown = forms.BooleanField(label="Select all shown", required=False)
    target = forms.ChoiceField(label="Invite them to")
    message = forms.CharField(
        label="A personal line (optional)",
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The pupils see it under your name, for example “We'd love your ideas on lunches.”",
    )

    def __init__(self, *args, shown_ids: list[int], targets: dict[str, list], **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_ids = shown_ids
        self.fields["pupils"].choices = [(str(pk), str(pk)) for pk in shown_ids]
        self.fields["pupils"].error_messages["invalid_choice"] = (
            "Some pupils chosen are no longer in the list (they may have taken part since): choose again."
        )
        groups = [
            (KIND_LABELS[kind], [(f"{kind}:{item.pk}", item.title) for item in items])
            for kind, items in targets.items()
            if items
        ]
        self.target_groups = groups
        self.fields["target"].choices = [("", "Choose a project, a need or a survey"), *groups]
        self.fields["target"].error_messages["invalid_choice"] = (
            "That is no longer open to pupils: choose another project, need or survey."
        )

    def clean_pupils(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["pupils"]]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("all_shown"):
            cleaned["pupils"] = list(self.shown_ids)
        if "pupils" in cleaned and not cleaned["pupils"]:
            self.add_error("pupils", "Choose at least one pupil, or “Select all shown”.")
        if len(cleaned.get("pupils") or []) > MAX_PUPILS:
            self.add_error("pupils", f"Invite at most {MAX_PUPILS} pupils at a time.")
        return cleaned


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "Not now")])
