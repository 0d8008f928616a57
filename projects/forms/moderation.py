"""Forms for moderation: report content, record a safeguarding outcome."""

from django import forms

from people.safeguarding.words import WordListInvalid, words_parse


class ReportForm(forms.Form):
    reason = forms.CharField(label="What is wrong?", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    is_safeguarding = forms.BooleanField(
        label="Someone may be at risk (safeguarding concern)",
        required=False,
        help_text="Goes privately to the school's safeguarding lead and hides the content at once.",
    )
    hide_now = forms.BooleanField(label="Hide it now (staff)", required=False)

    def __init__(self, *args, is_staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_staff:
            del self.fields["hide_now"]


class SafeguardingOutcomeForm(forms.Form):
    outcome = forms.CharField(label="What was done", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    restore_content = forms.BooleanField(label="Show the content again", required=False)


class TrustedAdultForm(forms.Form):
    body = forms.CharField(
        label="What do you want to tell?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Only the school's safeguarding leads read this. Nobody else, not other pupils, not other staff.",
        error_messages={"required": "Write what you want to tell, even a few words."},
    )


class WordListForm(forms.Form):
    words = forms.CharField(
        label="Words and phrases (one a line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Public posts that contain one are held until a safeguarding lead checks them. "
        "Leave it empty to use the default list.",
    )

    def clean_words(self) -> list[str]:
        try:
            return words_parse(self.cleaned_data["words"])
        except WordListInvalid as error:
            raise forms.ValidationError(str(error)) from None
