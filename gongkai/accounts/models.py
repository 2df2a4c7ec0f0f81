"""When each staff member last changed their password (口令定期更换)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PasswordChange(models.Model):
    """The time of a user's latest password change (one row per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_change"
    )
    changed_at = models.DateTimeField("口令修改时间")

    class Meta:
        verbose_name = "口令修改记录"
        verbose_name_plural = "口令修改记录"

    def __str__(self) -> str:
        return f"{self.user_id} {self.changed_at:%Y-%m-%d}"
