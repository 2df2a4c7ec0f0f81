"""A new account's password is as old as the account: Django's create_user hashes the password
without set_password(), so PasswordChangeRecorder does not see it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver

from gongkai.accounts import services


@receiver(post_save, sender=get_user_model(), dispatch_uid="gongkai.accounts.new_user_password")
def record_new_user_password(
    sender: Any, instance: Any, created: bool, raw: bool, **kwargs: Any
) -> None:
    if created and not raw:
        services.password_change_record(user=instance, at=instance.date_joined)
