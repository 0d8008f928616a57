"""Forms for the staff dashboard."""

from django import forms


class UninvolvedPupilsFilterForm(forms.Form):
    """The dashboard's filter of pupils not involved yet: by year group and by form."""

    year_group = forms.TypedChoiceField(label="Year group", required=False, coerce=int, empty_value=None)
    form = forms.ChoiceField(label="Form", required=False)

    def __init__(self, *args, forms_by_year: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        years = sorted({year for year, _ in forms_by_year})
        self.fields["year_group"].choices = [("", "All year groups")] + [(y, f"Year {y}") for y in years]
        self.fields["form"].choices = [("", "All forms")] + [(f, f) for f in dict.fromkeys(f for _, f in forms_by_year)]
