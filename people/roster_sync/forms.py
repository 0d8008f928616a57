from django import forms

from people.roster_sync.feed import FORMATS, format_choices


class RosterSyncUploadForm(forms.Form):
    # A 50,000-person OneRoster bundle zips to a few MB; a school's export is far below this.
    MAX_BYTES = 50 * 1024 * 1024

    source_format = forms.ChoiceField(label="What your information system exported", widget=forms.RadioSelect)
    file = forms.FileField(label="The export (a zip of CSV files)", allow_empty_file=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_format"].choices = format_choices()
        self.fields["source_format"].help_text = " ".join(f"{f.label}: {f.help_text}" for f in FORMATS.values())

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(
                "The file is larger than 50 MB. Export only this school, as a zip of CSV files."
            )
        return upload
