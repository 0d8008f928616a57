from django import forms

from evaluation.models import MAX_CHOICES, Audience, Pairing, Question, ReflectionKind, Survey
from evaluation.questions.registry import all_kinds, get_kind, kind_choices
from evaluation.survey_templates import TEMPLATES
from people.models import YEAR_GROUPS


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SurveyForm(forms.Form):
    title = forms.CharField(max_length=150)
    intro = forms.CharField(
        label="Introduction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown before the first question: why you ask and what happens with the answers.",
    )
    audience = forms.ChoiceField(label="Who answers", choices=Audience.choices)
    year_groups = forms.TypedMultipleChoiceField(
        label="Year groups",
        required=False,
        coerce=int,
        choices=[(year, f"Year {year}") for year in YEAR_GROUPS],
        widget=forms.CheckboxSelectMultiple,
        help_text="Only for “Pupils in chosen year groups”.",
    )
    anonymous = forms.BooleanField(
        label="Anonymous",
        required=False,
        initial=True,
        help_text="Answers are stored with no link to the person. This cannot change once people have answered.",
    )
    opens_at = forms.DateTimeField(label="Opens", required=False, widget=DateTimeInput(), help_text="Optional.")
    closes_at = forms.DateTimeField(label="Closes", required=False, widget=DateTimeInput(), help_text="Optional.")
    project = forms.ModelChoiceField(
        label="Project",
        required=False,
        queryset=None,
        empty_label="Not about one project",
        help_text="The project this survey evaluates. Needed when the project's members answer it.",
    )
    pairing = forms.ChoiceField(
        label="Before/after pairing",
        required=False,
        choices=Pairing.choices,
        help_text="Mark a baseline survey as “before”; you can then create its “after” twin with the same questions.",
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects

    @classmethod
    def for_survey(cls, survey: Survey, data=None, *, projects):
        initial = {
            "project": survey.project_id,
            "title": survey.title,
            "intro": survey.intro,
            "audience": survey.audience,
            "year_groups": survey.year_groups,
            "anonymous": survey.anonymous,
            "opens_at": survey.opens_at,
            "closes_at": survey.closes_at,
            "pairing": survey.pairing,
        }
        return cls(data, initial=initial, projects=projects)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == Audience.PROJECT and not cleaned.get("project"):
            self.add_error("project", "Choose the project whose members answer this survey.")
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", "The closing time must be after the opening time.")
        if cleaned.get("audience") == Audience.YEAR_GROUPS and not cleaned.get("year_groups"):
            self.add_error("year_groups", "Choose at least one year group, or pick another audience.")
        return cleaned


class TemplateChoiceForm(forms.Form):
    template = forms.ChoiceField(
        label="Template",
        choices=[(template.key, template.title) for template in TEMPLATES],
        widget=forms.RadioSelect,
    )


class QuestionForm(forms.Form):
    type = forms.ChoiceField(label="Kind of question", choices=kind_choices)
    text = forms.CharField(label="Question", max_length=300)
    help = forms.CharField(
        label="Hint", max_length=300, required=False, help_text="Optional, shown under the question."
    )
    required = forms.BooleanField(label="An answer is needed", required=False, initial=True)
    choices = forms.CharField(
        label="Options",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_options = " and ".join(f"“{kind.label}”" for kind in all_kinds() if kind.has_choices)
        self.fields[
            "choices"
        ].help_text = f"For {with_options} only: one option per line, at least 2, at most {MAX_CHOICES}."

    @classmethod
    def for_question(cls, question: Question, data=None):
        initial = {
            "type": question.type,
            "text": question.text,
            "help": question.help,
            "required": question.required,
            "choices": "\n".join(question.choices),
        }
        return cls(data, initial=initial)

    def clean(self):
        cleaned = super().clean()
        if "type" not in cleaned or not get_kind(cleaned["type"]).has_choices:
            cleaned["choices"] = []
            return cleaned
        options = [line.strip() for line in cleaned.get("choices", "").splitlines() if line.strip()]
        if len(options) < 2:
            label = get_kind(cleaned["type"]).label
            self.add_error("choices", f"A “{label}” question needs at least 2 options, one per line.")
        elif len(options) > MAX_CHOICES:
            self.add_error("choices", f"Give at most {MAX_CHOICES} options.")
        elif len({option.casefold() for option in options}) < len(options):
            self.add_error("choices", "Two options are the same. Make each option different.")
        elif any(len(option) > 200 for option in options):
            self.add_error("choices", "Keep each option under 200 characters.")
        cleaned["choices"] = options
        return cleaned


class SignOffForm(forms.Form):
    comment = forms.CharField(
        label="Your comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you make of the project and its evaluation. It is kept with the signed report.",
        error_messages={"required": "Write a comment: it is kept with the signed report."},
    )


class ReflectionForm(forms.Form):
    kind = forms.ChoiceField(label="About", choices=ReflectionKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label="Your reflection",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write your reflection."},
    )
