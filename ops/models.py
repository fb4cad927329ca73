from django.db import models


class JobRun(models.Model):
    """One run of a scheduled job for one slot (a day, an hour): the unique pair is what makes a
    job that every app server's timer starts run once for the whole deployment (``ops.once``)."""

    job = models.CharField(max_length=60)
    slot = models.CharField(max_length=40)
    started_at = models.DateTimeField(auto_now_add=True)
    host = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="ops_jobrun_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.slot}"
