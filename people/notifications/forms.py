from django import forms

from people.models import NotificationKind


class PreferenceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Tell me about",
        choices=NotificationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick what you do not want to hear about at all.",
    )
    email_enabled = forms.BooleanField(label="Send me emails as well as inbox messages", required=False)
    weekly_digest = forms.BooleanField(
        label="One weekly email with everything, instead of one email each time", required=False
    )
    child_copies = forms.BooleanField(label="Send me copies of what my child is told", required=False)

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        if not membership.is_parent:
            del self.fields["child_copies"]
        if not membership.user.email:
            # Nothing to send to: say so instead of offering switches that do nothing.
            del self.fields["email_enabled"]
            del self.fields["weekly_digest"]

    @classmethod
    def initial_for(cls, preference) -> dict:
        return {
            "kinds": [kind for kind in NotificationKind.values if kind not in preference.muted_kinds],
            "email_enabled": preference.email_enabled,
            "weekly_digest": preference.weekly_digest,
            "child_copies": preference.child_copies,
        }

    def muted_kinds(self) -> list[str]:
        return [kind for kind in NotificationKind.values if kind not in self.cleaned_data["kinds"]]
