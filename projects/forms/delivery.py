"""Forms for delivery (co-deliver): tasks, sessions and attendance, peer roles, personal goals."""

from django import forms
from django.urls import reverse
from django.utils import timezone

from coproschool.pickers import PickerFormMixin, SearchPicker
from people.models import Membership
from people.selectors import MEMBER_SEARCH_FIELDS, member_picker_label, pupil_choices
from projects.models import AttendanceStatus, PeerRoleKind, Project, TaskStatus

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _name(membership: Membership) -> str:
    return membership.user.display_name


class _MembersField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership):
        return f"{_name(membership)} ({membership.get_role_display().lower()})"


class TaskForm(forms.Form):
    title = forms.CharField(max_length=200)
    owners = _MembersField(
        label="Owners", queryset=Membership.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    due_on = forms.DateField(label="Due date", required=False, widget=DATE_WIDGET)
    checklist = forms.CharField(
        label="Checklist (one step a line)", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = members
        self.fields["owners"].help_text = "Pupils are listed first: pupils lead the delivery."

    def checklist_lines(self) -> list[str]:
        return [line for line in self.cleaned_data["checklist"].splitlines() if line.strip()]


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=TaskStatus.choices)
    reason = forms.CharField(label="Why deferred", required=False, max_length=1000)

    def clean(self):
        data = super().clean()
        if data.get("status") == TaskStatus.DEFERRED and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the task is deferred.")
        return data


class SessionForm(forms.Form):
    held_on = forms.DateField(label="Date", widget=DATE_WIDGET)
    place = forms.CharField(max_length=150)
    is_off_site = forms.BooleanField(
        label="Held away from the school site",
        required=False,
        help_text="Pupils whose parent or carer has not agreed to off-site sessions show as “no consent”.",
    )
    agenda = forms.CharField(required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))


class AttendanceForm(forms.Form):
    def __init__(self, *args, members, current: dict[int, str], no_consent: frozenset[int] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for member in self.members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(
                label=f"{_name(member)} (no consent)" if member.pk in no_consent else _name(member),
                choices=AttendanceStatus.choices,
                required=False,
                initial=current.get(member.pk),
                widget=forms.RadioSelect,
            )

    def attendance(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"member_{m.pk}"] for m in self.members if self.cleaned_data[f"member_{m.pk}"]}


class _MemberField(forms.ModelChoiceField):
    """One person, as a search picker: a school's pupils can be hundreds, too many for a dropdown."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Membership.objects.none(), widget=SearchPicker(search_fields=MEMBER_SEARCH_FIELDS), **kwargs
        )

    def label_from_instance(self, membership):
        return member_picker_label(membership)

    def search_in(self, queryset, url: str) -> None:
        self.queryset = queryset
        self.widget.search_url = url


class PeerRoleForm(PickerFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Role", choices=PeerRoleKind.choices)
    holder = _MemberField(label="Who holds it")
    supports = _MemberField(label="Who they support (optional)", required=False)

    def __init__(self, *args, project, members, **kwargs):
        super().__init__(*args, **kwargs)
        url = reverse("projects:member_search", args=[project.pk])
        self.fields["holder"].search_in(members, url)
        self.fields["supports"].search_in(members, url)

    def clean(self):
        data = super().clean()
        if data.get("holder") and data.get("holder") == data.get("supports"):
            self.add_error("supports", "Someone cannot support themselves.")
        return data


class GoalForm(PickerFormMixin, forms.Form):
    pupil = _MemberField(label="Pupil")
    goal = forms.CharField(max_length=300)
    steps = forms.CharField(required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    project = forms.ModelChoiceField(label="Project (optional)", queryset=Project.objects.none(), required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].search_in(pupil_choices(school=school), reverse("people:pupil_search"))
        self.fields["project"].queryset = Project.objects.filter(school=school).order_by("title")


class GoalProposalForm(PickerFormMixin, forms.Form):
    """A pupil's own goal, in plain words: what, why, by when, who helps (the project's members)."""

    goal = forms.CharField(
        label="What do you want to do?",
        max_length=300,
        help_text="One thing you can see yourself doing, e.g. “Speak up at two of our meetings”.",
    )
    why = forms.CharField(
        label="Why does it matter to you?", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = forms.DateField(label="By when?", widget=DATE_WIDGET, help_text="Today or a day after today.")
    helpers = forms.ModelMultipleChoiceField(
        label="Who will help you? (optional)",
        queryset=Membership.objects.none(),
        required=False,
        widget=SearchPicker(search_fields=MEMBER_SEARCH_FIELDS, multiple=True),
        help_text="Search the project's members by name.",
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helpers"].queryset = project.members.select_related("user").order_by(
            "user__first_name", "user__last_name", "pk"
        )
        self.fields["helpers"].label_from_instance = member_picker_label
        self.fields["helpers"].widget.search_url = reverse("projects:member_search", args=[project.pk])

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("Choose a date from today on: that date has passed.")
        return due_on


class GoalChangeForm(forms.Form):
    reason = forms.CharField(
        label="What should the pupil change?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The pupil reads this. Say what would make the goal work, kindly and plainly.",
    )


class GoalNoteForm(forms.Form):
    body = forms.CharField(label="Progress note", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
