"""The power-sharing charter: what leadership puts on the table this term. Edits are versioned."""

from django.db import models
from simple_history.models import HistoricalRecords


class Charter(models.Model):
    """One current charter per school; its history (who, when, what changed) is kept by simple_history."""

    school = models.OneToOneField("people.School", on_delete=models.CASCADE, related_name="charter")
    term = models.CharField(max_length=60, help_text="e.g. Spring term 2027")
    may_decide = models.TextField("what groups may decide")
    budget_money = models.DecimalField("money (£)", max_digits=9, decimal_places=2, default=0)
    budget_time = models.CharField("time", max_length=200, blank=True, help_text="e.g. two lunchtimes a week")
    budget_space = models.CharField("space", max_length=200, blank=True, help_text="e.g. the library after school")
    red_lines = models.TextField("constraints and red lines", blank=True)
    accepted_risks = models.TextField("risks leadership accepts", blank=True)
    updated_by = models.ForeignKey("people.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self) -> str:
        return f"Charter of {self.school} ({self.term})"
