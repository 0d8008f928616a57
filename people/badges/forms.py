from django import forms

from people.badges import tokens


class BadgeCodeForm(forms.Form):
    """The typed fallback: the code on the card, and the username where the page serves many schools."""

    username = forms.CharField(
        label="Your username",
        max_length=150,
        error_messages={"required": "Type your username: it is on your card, above the code."},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label="Badge code",
        max_length=20,
        error_messages={"required": "Type the badge code from your card."},
        help_text="8 letters and numbers, like ACDE-FGHJ.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )

    def __init__(self, *args, needs_username: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_username:
            del self.fields["username"]

    def clean_code(self) -> str:
        code = tokens.code_normalise(self.cleaned_data["code"])
        if len(code) != tokens.CODE_LENGTH:
            raise forms.ValidationError("The code has 8 letters and numbers. Check your card and type all of them.")
        return code
