"""Forms for the school's privacy settings, special-category records, leaving and erasure."""

from django import forms

from people.consent.scopes import SCOPES
from people.models import SenStatus
from people.privacy.services import MAX_RETENTION_YEARS

PUPIL_PREMIUM_CHOICES = [("", "Not recorded"), ("yes", "Yes"), ("no", "No")]


class SchoolPrivacyForm(forms.Form):
    retention_years = forms.IntegerField(
        label="Years to keep a person's data after they leave",
        min_value=0,
        max_value=MAX_RETENTION_YEARS,
        help_text="Then their account is erased automatically; aggregate results stay.",
    )
    special_category_enabled = forms.BooleanField(label="Record SEN and pupil premium for pupils", required=False)
    special_category_basis = forms.CharField(
        label="Lawful basis for recording them",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to switch recording on: the Article 6 and Article 9 basis the school relies on.",
    )
    consent_scopes = forms.MultipleChoiceField(
        label="What needs a parent's or carer's consent",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Parents are asked each one on their consent page; until they agree, it stops what it says there.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_scopes"].choices = [(scope.key, scope.label) for scope in SCOPES.values()]

    def clean(self):
        data = super().clean()
        if data.get("special_category_enabled") and not (data.get("special_category_basis") or "").strip():
            self.add_error("special_category_basis", "Write down the lawful basis before switching this on.")
        return data


class SpecialCategoryForm(forms.Form):
    sen_status = forms.ChoiceField(label="SEN", choices=SenStatus.choices, required=False)
    pupil_premium = forms.ChoiceField(label="Pupil premium", choices=PUPIL_PREMIUM_CHOICES, required=False)

    def pupil_premium_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data["pupil_premium"])


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label="I understand this cannot be undone", required=True)
