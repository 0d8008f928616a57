from django import forms

from people.notifications.kinds import KINDS, Channel


class PreferenceForm(forms.Form):
    """Per kind: hear about it or not (unless it may not be switched off), and how it is emailed."""

    kinds = forms.MultipleChoiceField(
        label="Tell me about",
        choices=[],
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
        self.membership = membership
        # Every kind is a valid choice (a kind that cannot be switched off is simply never muted).
        self.fields["kinds"].choices = [(kind.key, kind.label) for kind in KINDS.values()]
        if not membership.is_parent:
            del self.fields["child_copies"]
        if not membership.user.email:
            # Nothing to send to: say so instead of offering switches that do nothing.
            del self.fields["email_enabled"]
            del self.fields["weekly_digest"]
            return
        for kind in KINDS.values():
            if kind.always_email:
                continue
            default = kind.channel_for(membership.role)
            self.fields[self.channel_field(kind.key)] = forms.ChoiceField(
                label=f"Email for “{kind.label}”",
                choices=[("", f"Usual for you ({default.label.lower()})"), *Channel.choices],
                required=False,
            )

    @staticmethod
    def channel_field(key: str) -> str:
        return f"channel_{key}"

    @staticmethod
    def switchable_kinds():
        return [kind for kind in KINDS.values() if kind.may_switch_off]

    def rows(self):
        """One row per kind for the page: the kind, whether it can be switched off, its email choice."""
        ticked = set(self["kinds"].value() or [])
        for kind in KINDS.values():
            field = self.fields.get(self.channel_field(kind.key))
            yield {
                "kind": kind,
                "ticked": kind.key in ticked or not kind.may_switch_off,
                "channel": self[self.channel_field(kind.key)] if field else None,
            }

    @classmethod
    def initial_for(cls, preference) -> dict:
        return {
            "kinds": [kind.key for kind in cls.switchable_kinds() if kind.key not in preference.muted_kinds],
            "email_enabled": preference.email_enabled,
            "weekly_digest": preference.weekly_digest,
            "child_copies": preference.child_copies,
            **{cls.channel_field(key): channel for key, channel in preference.kind_channels.items()},
        }

    def muted_kinds(self) -> list[str]:
        return [kind.key for kind in self.switchable_kinds() if kind.key not in self.cleaned_data["kinds"]]

    def kind_channels(self, current: dict) -> dict:
        """The email choice per kind; without an address, the choices already made stay as they are."""
        if not self.membership.user.email:
            return current
        return {
            kind.key: self.cleaned_data[self.channel_field(kind.key)]
            for kind in KINDS.values()
            if self.cleaned_data.get(self.channel_field(kind.key))
        }
