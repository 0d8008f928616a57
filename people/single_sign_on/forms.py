from django import forms

from people.models import SignInProvider
from people.single_sign_on.services import SignInSetupError, email_domains_parse


class SchoolSignInForm(forms.Form):
    """The leader's choice; what each provider needs is checked by services.school_sign_in_set."""

    provider = forms.ChoiceField(
        label="Your school's accounts", choices=SignInProvider.choices, widget=forms.RadioSelect
    )
    email_domains = forms.CharField(
        label="Your school's email domains",
        max_length=500,
        help_text="The part after @ in your school's addresses, for example hillside.sch.uk. "
        "Separate two or more with commas.",
    )
    tenant_id = forms.CharField(
        label="Microsoft tenant id (Microsoft only)",
        max_length=36,
        required=False,
        help_text="In the Entra admin centre: Overview, Tenant ID.",
    )
    issuer_url = forms.CharField(
        label="Issuer URL (another provider only)",
        max_length=500,
        required=False,
        help_text="For example https://login.hillside.sch.uk. Its /.well-known/openid-configuration must open.",
    )
    display_name = forms.CharField(
        label="Name on the button (another provider only)",
        max_length=60,
        required=False,
        help_text="People see “Sign in with …” and this name, for example Hillside Login.",
    )
    client_id = forms.CharField(label="Client id", max_length=255)
    client_secret = forms.CharField(
        label="Client secret",
        max_length=500,
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, has_saved_secret: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client_secret"].help_text = (
            "Leave it empty to keep the secret saved before."
            if has_saved_secret
            else "The provider shows it once, with the client id. If this page shows a problem, type it again."
        )

    def clean_email_domains(self) -> list[str]:
        try:
            return email_domains_parse(self.cleaned_data["email_domains"])
        except SignInSetupError as error:
            raise forms.ValidationError(str(error)) from None


class SchoolFindForm(forms.Form):
    q = forms.CharField(label="Your school email, or your school's name", max_length=200, required=False)
