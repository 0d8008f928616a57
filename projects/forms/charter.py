"""The school's charter form."""

from django import forms

from projects.models import Charter


class CharterForm(forms.ModelForm):
    class Meta:
        model = Charter
        fields = ["term", "may_decide", "budget_money", "budget_time", "budget_space", "red_lines", "accepted_risks"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ["may_decide", "red_lines", "accepted_risks"]}

    def clean_budget_money(self):
        money = self.cleaned_data["budget_money"]
        if money < 0:
            raise forms.ValidationError("The money envelope cannot be negative.")
        return money
