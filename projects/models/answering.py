"""Who answers a school's needs, in how many school days, and the school's holidays (issue 21, item 5)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

DEFAULT_ANSWER_DAYS = 10


class NeedAnswering(models.Model):
    """One per school: the named member who answers needs, and the school days they have.

    A pupil's need goes to the head of their year when the school named one (`YearAnswerer`), else to
    `answerer`; with nobody named, the school's leaders answer.
    """

    school = models.OneToOneField("people.School", on_delete=models.CASCADE, related_name="need_answering")
    answerer = models.ForeignKey(
        "people.Membership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="who answers needs",
        help_text="Leave empty for the school's leaders.",
    )
    answer_days = models.PositiveSmallIntegerField(
        "school days to answer",
        default=DEFAULT_ANSWER_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Weekends and the school's holidays do not count.",
    )

    def __str__(self) -> str:
        return f"Needs of {self.school} answered in {self.answer_days} school days"


class YearAnswerer(models.Model):
    """The head of a year: answers the needs that pupils of that year raise."""

    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="year_answerers")
    year_group = models.PositiveSmallIntegerField()
    member = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["year_group"]
        constraints = [models.UniqueConstraint(fields=["school", "year_group"], name="year_answerer_once")]

    def __str__(self) -> str:
        return f"Year {self.year_group}: {self.member}"


class SchoolHoliday(models.Model):
    """Days the school is closed (both ends included): they do not count as school days."""

    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="holidays")
    name = models.CharField(max_length=100)
    first_day = models.DateField()
    last_day = models.DateField()

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(condition=Q(last_day__gte=F("first_day")), name="holiday_ends_after_it_starts")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.first_day} to {self.last_day})"
