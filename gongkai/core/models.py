"""Counters that hand out sequential numbers per scope (e.g. 索引号 per unit and year)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    """One counter: the last number issued for (scope, key, year).

    ``scope`` names what is numbered ("policy-index", later "application-receipt"), ``key``
    the unit it is numbered within (an organisation id) and ``year`` the numbering year.
    """

    scope = models.CharField(_("编号类型"), max_length=40)
    key = models.CharField(_("编号单位"), max_length=64)
    year = models.PositiveSmallIntegerField(_("年度"))
    last_value = models.PositiveIntegerField(_("已用到的号"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "year"], name="sequence_unique_scope")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}:{self.year}={self.last_value}"


class JobLock(models.Model):
    """A named lock held by one running scheduled command (core.locks.command_lock): a second
    copy started by cron while the first still runs skips its turn. A lock older than its
    expiry (a crashed run) may be taken over."""

    name = models.CharField(max_length=80, primary_key=True)
    holder = models.CharField(max_length=120)
    acquired_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("任务锁")
        verbose_name_plural = _("任务锁")

    def __str__(self) -> str:
        return f"{self.name} ({self.holder})"


class RateCounter(models.Model):
    """How many actions of one kind one client took in one fixed window (core.ratelimit).

    ``key`` is ``<scope>:<client address>``, ``window_start`` the window's first second (Unix
    time) and ``expires_at`` its end: rows of ended windows are pruned as new ones begin.
    """

    key = models.CharField(max_length=120)
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    expires_at = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("频率计数")
        verbose_name_plural = _("频率计数")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window_start"], name="ratecounter_unique_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}@{self.window_start}={self.count}"
