"""The form for adding a picture: a photo taken now or a picture already saved, and what it shows."""

from django import forms

from projects.pictures.images import MAX_BYTES, TOO_BIG

IMAGE_ATTRS = {"accept": "image/*", "class": "form-control"}


class PictureForm(forms.Form):
    photo = forms.FileField(
        label="Take a photo",
        required=False,
        allow_empty_file=True,  # an empty file is "not a picture", said by the picture check
        widget=forms.FileInput(attrs={**IMAGE_ATTRS, "capture": "environment"}),
        help_text="On a phone or tablet this opens the camera.",
    )
    saved = forms.FileField(
        label="Or choose a picture you saved",
        required=False,
        allow_empty_file=True,
        widget=forms.FileInput(attrs=IMAGE_ATTRS),
        help_text="A photo or a drawing as JPEG, PNG or WebP, up to 8 MB.",
    )
    alt_text = forms.CharField(
        label="What the picture shows",
        max_length=200,
        help_text="In plain words, for people who cannot see it: for example “a cardboard model of the new bench”.",
        error_messages={"required": "Say in a few words what the picture shows, for people who cannot see it."},
    )

    def clean(self):
        data = super().clean()
        photo, saved = data.get("photo"), data.get("saved")
        if photo and saved:
            raise forms.ValidationError("Add one picture at a time: take a photo or choose a saved picture.")
        upload = photo or saved
        if not upload and not self.has_error("photo") and not self.has_error("saved"):
            self.add_error("photo", "Take a photo or choose a picture to add.")
        elif upload and upload.size > MAX_BYTES:
            self.add_error("photo" if photo else "saved", TOO_BIG)
        data["upload"] = upload
        return data
