"""Forms for moderation: report content, record a safeguarding outcome."""

from django import forms


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
