from django.db import models


class ContentVersion(models.Model):
    """A counter bumped whenever published content changes; cached pages carry the value they were
    built with, so an edit made through any app server shows at once on every other one."""

    key = models.CharField(max_length=40, unique=True)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["key"]
        verbose_name = "content version"

    def __str__(self):
        return f"{self.key}={self.version}"
