"""Forms for answering needs: "not now", who answers and in how many school days, holidays, what changed."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from people.models import Membership, Role
from projects.school_days import SchoolCalendar

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NotNowForm(forms.Form):
    reason = forms.CharField(
        label="Not now, because…",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone who raised or backed this need will read it.",
    )
    look_again_on = forms.DateField(
        label="We will look again on",
        widget=DATE_WIDGET,
        help_text="A school day: not a weekend or a holiday the school has set.",
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_look_again_on(self):
        day = self.cleaned_data["look_again_on"]
        today = timezone.localdate()
        if day <= today:
            raise forms.ValidationError("Choose a date after today.")
        if day > today + timedelta(days=366):
            raise forms.ValidationError("Choose a date within the next year.")
        problem = SchoolCalendar(self.school).not_a_school_day(day)
        if problem:
            raise forms.ValidationError(problem)
        return day


class NeedAnsweringForm(forms.Form):
    answerer = forms.ModelChoiceField(
        label="Who answers needs",
        queryset=Membership.objects.none(),
        required=False,
        empty_label="The school's leaders",
        help_text="Named on every open need: “Ms X will answer by Tue 15 Dec”.",
    )
    answer_days = forms.IntegerField(
        label="School days to answer",
        min_value=1,
        max_value=60,
        help_text="Weekends and the holidays below do not count.",
    )

    def __init__(self, *args, school, year_groups: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        staff = (
            Membership.objects.filter(school=school, role__in=[Role.STAFF, Role.LEADER], is_active=True)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "pk")
        )
        self.fields["answerer"].queryset = staff
        self.fields["answerer"].label_from_instance = lambda member: member.user.display_name
        self.year_groups = year_groups
        for year in year_groups:
            field = forms.ModelChoiceField(
                label=f"Head of Year {year}",
                queryset=staff,
                required=False,
                empty_label="Nobody: the answerer above",
                help_text=f"Answers the needs that Year {year} pupils raise.",
            )
            field.label_from_instance = lambda member: member.user.display_name
            self.fields[f"year_{year}"] = field

    def heads_of_year(self) -> dict:
        return {year: self.cleaned_data.get(f"year_{year}") for year in self.year_groups}


class HolidayForm(forms.Form):
    name = forms.CharField(label="Holiday", max_length=100, help_text="For example: Christmas holidays.")
    first_day = forms.DateField(label="First day", widget=DATE_WIDGET)
    last_day = forms.DateField(label="Last day", widget=DATE_WIDGET)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last:
            if last < first:
                self.add_error("last_day", "The last day must be on or after the first day.")
            elif (last - first).days > 366:
                self.add_error("last_day", "A holiday lasts at most a year.")
        return cleaned


class WhatChangedForm(forms.Form):
    what_changed = forms.CharField(
        label="What changed",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences for “You said, we did”: everyone in the school can read it.",
    )
