"""Pictures in co-design: a drawing or a photo of a model attached to an idea or a need.

A picture may show faces, so it waits for a member of staff to check it before other pupils see it
(its uploader and staff see it at once, marked "waiting for a teacher to check"). The files are the
re-encoded image and its thumbnail, stored through Django's storage API under random names and served
only by `projects:picture_file`, which checks the school and the permission.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse

MAX_PICTURES = 4


class PictureStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a teacher to check"
    APPROVED = "approved", "Checked by a teacher"


class Picture(models.Model):
    school = models.ForeignKey("people.School", on_delete=models.CASCADE, related_name="+")
    idea = models.ForeignKey("projects.Idea", null=True, blank=True, on_delete=models.CASCADE, related_name="pictures")
    need = models.ForeignKey("projects.Need", null=True, blank=True, on_delete=models.CASCADE, related_name="pictures")
    uploaded_by = models.ForeignKey("people.Membership", on_delete=models.CASCADE, related_name="pictures_uploaded")
    image = models.FileField(max_length=200)
    thumbnail = models.FileField(max_length=200)
    content_type = models.CharField(max_length=20, default="image/jpeg")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.CharField(
        "what the picture shows",
        max_length=200,
        help_text="In plain words, for people who cannot see it: for example “a cardboard model of the new bench”.",
    )
    status = models.CharField(max_length=10, choices=PictureStatus.choices, default=PictureStatus.WAITING)
    reviewed_by = models.ForeignKey(
        "people.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(idea__isnull=False, need__isnull=True) | Q(idea__isnull=True, need__isnull=False),
                name="picture_on_idea_or_need",
            ),
            models.CheckConstraint(
                condition=Q(status=PictureStatus.WAITING) | Q(reviewed_at__isnull=False),
                name="picture_approved_is_dated",
            ),
        ]
        indexes = [models.Index(fields=["school", "status"])]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return self.parent.get_absolute_url() + f"#picture-{self.pk}"

    @property
    def is_waiting(self) -> bool:
        return self.status == PictureStatus.WAITING

    @property
    def parent(self):
        return self.idea if self.idea_id else self.need

    def file_url(self, size: str = "full") -> str:
        return reverse("projects:picture_file", args=[self.pk, size])
