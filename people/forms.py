from django import forms
from django.contrib.auth import password_validation

from people.models import Role


class ParentSignupForm(forms.Form):
    """The names allauth's sign-up adds to email and password, so staff and children know who a parent is.

    allauth's adapter copies `first_name` and `last_name` from the cleaned data onto the new user.
    """

    first_name = forms.CharField(
        label="Your first name", max_length=150, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Your last name", max_length=150, widget=forms.TextInput({"autocomplete": "family-name"})
    )

    def signup(self, request, user) -> None:
        """Required by allauth's form hook; the adapter has already saved the names."""


class FirstPasswordForm(forms.Form):
    """A pupil replaces the one-time password from their login card with one of their own."""

    new_password1 = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters. Pick something you will remember but others cannot guess.",
    )
    new_password2 = forms.CharField(
        label="Type it again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", "The two passwords are different. Type the same one twice.")
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Everyone"), *Role.choices])
    year_group = forms.TypedChoiceField(label="Year group", required=False, coerce=int, empty_value=None, choices=[])

    def __init__(self, *args, year_groups: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year_group"].choices = [("", "All years")] + [(year, f"Year {year}") for year in year_groups]


class RosterUploadForm(forms.Form):
    MAX_BYTES = 5 * 1024 * 1024

    file = forms.FileField(
        label="Pupil list (CSV file)",
        allow_empty_file=True,  # The import explains an empty file itself, like any other problem.
        help_text="Columns: First name, Last name, Year group, Form, and optionally Username. "
        'In Excel: "Save as" → "CSV UTF-8 (comma delimited)".',
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB. A list of pupils is much smaller: is it a CSV?")
        return upload


class ParentInviteForm(forms.Form):
    email = forms.EmailField(label="Parent's or carer's email address", max_length=254)


class ConsentForm(forms.Form):
    """The parent's answer for one consent scope; `question` is the scope's plain words."""

    status = forms.ChoiceField(widget=forms.RadioSelect, choices=[])

    def __init__(self, *args, choices: list[tuple[str, str]], question: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = choices
        self.fields["status"].label = question
