"""Forms several sub-domains share: a comment (needs, ideas) and a reason (stage moves, moderation, reports)."""

from django import forms


class CommentForm(forms.Form):
    body = forms.CharField(label="Your comment", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    hide_author = forms.BooleanField(
        label="Hide my name from other pupils", required=False, help_text="Staff always see who wrote it."
    )

    def __init__(self, *args, can_hide_author: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_hide_author:
            del self.fields["hide_author"]
        else:
            self.fields["hide_author"].initial = True  # most private by default; one untick shows the name


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label: str = "Reason", required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].required = required
