"""Counters that hand out sequential numbers per scope (e.g. 索引号 per unit and year)."""

from __future__ import annotations

from django.conf import settings
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


class MediaRelease(models.Model):
    """公开发布: an editor's decision that a document or an image is public although no live
    page uses it (a form to download, a logo). Without one, the public gets a file only while a
    live, public page references it (gongkai.core.policies.can_view_document / can_view_image).
    Exactly one of ``document`` and ``image`` is set; the row is removed when it is withdrawn."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gongkai_release",
        verbose_name=_("文件"),
    )
    image = models.OneToOneField(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gongkai_release",
        verbose_name=_("图片"),
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("公开人"),
    )
    released_at = models.DateTimeField(_("公开时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("文件公开发布")
        verbose_name_plural = _("文件公开发布")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=False, image__isnull=True)
                | models.Q(document__isnull=True, image__isnull=False),
                name="mediarelease_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document or self.image}"


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
