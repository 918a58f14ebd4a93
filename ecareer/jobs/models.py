"""One long computation: the question (its input), who asked, its state and its result.

The row is found by the content key of the question, so every app server, every tab and every
user asking the same thing share one computation and its result.
"""

from django.conf import settings
from django.db import models


class ComputationQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=(Computation.Status.QUEUED, Computation.Status.RUNNING))


class Computation(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting"  # for room in its owner's limits; not on the queue yet
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    # Who asked first: their running jobs and CPU time are counted; deleted with the account
    # (the question holds their plan).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="computations"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    question = models.BinaryField()  # pickled arguments; written and read only by this app
    result = models.BinaryField(null=True)  # pickled answer once done
    error = models.TextField(blank=True)  # the message the page shows when it failed
    cpu_seconds = models.FloatField(default=0.0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    objects = ComputationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["user", "status"], name="computation_user_status"),
            models.Index(fields=["finished_at"], name="computation_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"
