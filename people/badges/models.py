from django.db import models
from django.db.models import Q
from django.utils import timezone


class Badge(models.Model):
    """One pupil's badge. The QR holds a signed token naming the school, this row and a random secret;
    only hashes of the secret and of the typed code are stored, so the card is the only copy."""

    membership = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="badges")
    # The pupil's school, kept on the row so typed codes are unique, and looked up, within one school.
    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="+")
    secret_hash = models.CharField(max_length=64)
    code_hash = models.CharField(max_length=64)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            # Reissuing stops the old badge first: a pupil holds one working badge at most.
            models.UniqueConstraint(
                fields=["membership"], condition=Q(revoked_at__isnull=True), name="badge_one_active_per_pupil"
            ),
            # A code typed alone finds exactly one working badge of the school.
            models.UniqueConstraint(
                fields=["school", "code_hash"], condition=Q(revoked_at__isnull=True), name="badge_code_unique_active"
            ),
        ]

    def __str__(self) -> str:
        return f"Badge {self.pk} of membership {self.membership_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
