"""Forms for needs (co-identify): raise, filter and merge."""

from django import forms

from projects.models import Need, NeedCategory, NeedStatus

NEED_SORTS = [("backed", "Most backed"), ("newest", "Newest")]


class NeedFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    category = forms.ChoiceField(label="Category", required=False, choices=[("", "Any"), *NeedCategory.choices])
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Open, in a project or declined"), *NeedStatus.choices]
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=NEED_SORTS)


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["title", "problem", "affects", "category", "hide_author"]
        widgets = {"problem": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, can_hide_author: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_hide_author:
            del self.fields["hide_author"]
        elif not self.instance.pk:
            self.initial["hide_author"] = True  # a pupil's name is hidden from other pupils unless they choose


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label="Merge into", queryset=Need.objects.none())

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = needs
