"""Models of gongkai.openweek (issue 15): 政府开放周 events, registrations and feedback.

The work plan (三(八)) asks for regular open events; there is no statutory period (DOMAIN.md §9).
What the issue makes hard rules is held by the database, not only by code:

- one active registration (confirmed or waiting) per event and phone, and per event and ID
  number when one is given: conditional unique constraints (SQLite and PostgreSQL);
- no over-booking: services.register locks the event row and counts confirmed seats inside the
  transaction (see services.py);
- a check-in code is unique within its event; a registration has at most one feedback.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.organisations.models import Organisation


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    CANCELLED = "cancelled", _("已取消")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("报名成功")
    WAITING = "waiting", _("候补")
    CANCELLED = "cancelled", _("已取消")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class OpenEvent(models.Model):
    """One open day (开放日活动) of a unit."""

    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="open_events", verbose_name=_("单位")
    )
    title = models.CharField(_("活动名称"), max_length=200)
    description = models.TextField(_("活动介绍"), blank=True)
    venue = models.CharField(_("活动场所"), max_length=200)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    capacity = models.PositiveIntegerField(_("名额"))
    registration_opens_at = models.DateTimeField(_("报名开始时间"))
    registration_closes_at = models.DateTimeField(_("报名截止时间"))
    needs_id = models.BooleanField(
        _("需登记身份证号"), default=False, help_text=_("活动场所凭身份证件入场时勾选。")
    )
    status = models.CharField(
        _("状态"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    summary = models.TextField(_("活动总结"), blank=True)
    summary_published = models.BooleanField(_("公开活动总结"), default=False)
    cancel_reason = models.CharField(_("取消原因"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("开放日活动")
        verbose_name_plural = _("开放日活动")
        indexes = [models.Index(fields=["status", "starts_at"], name="openweek_event_status")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="ow_ends"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="ow_reg_window",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/kfz/{self.pk}/"

    @property
    def is_published(self) -> bool:
        return self.status == EventStatus.PUBLISHED

    def registration_open(self, now: dt.datetime | None = None) -> bool:
        when = now or timezone.now()
        return (
            self.status == EventStatus.PUBLISHED
            and self.registration_opens_at <= when <= self.registration_closes_at
            and when < self.starts_at
        )


class Registration(models.Model):
    """One person's sign-up. Name, phone and ID number are personal data: shown in full only
    to the organising unit (policies.sees_personal_data), masked everywhere else."""

    event = models.ForeignKey(OpenEvent, on_delete=models.CASCADE, related_name="registrations")
    number = models.CharField(_("报名编号"), max_length=32, unique=True)
    serial = models.PositiveIntegerField(_("报名顺序"))  # within the event: the waiting order
    name = models.CharField(_("姓名"), max_length=60)
    phone = models.CharField(_("手机号码"), max_length=20)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=RegistrationStatus.choices)
    checkin_code = models.CharField(_("签到码"), max_length=8)
    query_digest = models.CharField(max_length=64, editable=False)
    attended_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    promoted_at = models.DateTimeField(null=True, blank=True)  # moved up from the waiting list
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by_host = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    submitter_key = models.CharField(max_length=64, blank=True)
    token = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["serial"]
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "phone"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="ow_one_active_per_phone",
            ),
            models.UniqueConstraint(
                fields=["event", "id_number"],
                condition=Q(status__in=["confirmed", "waiting"]) & ~Q(id_number=""),
                name="ow_one_active_per_id",
            ),
            models.UniqueConstraint(fields=["event", "serial"], name="ow_serial"),
            models.UniqueConstraint(fields=["event", "checkin_code"], name="ow_checkin_code"),
        ]
        indexes = [models.Index(fields=["event", "status", "serial"], name="ow_reg_status")]

    def __str__(self) -> str:
        return self.number

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    def waiting_position(self) -> int | None:
        """1 for the first on the waiting list; None when not waiting."""
        if self.status != RegistrationStatus.WAITING:
            return None
        ahead = Registration.objects.filter(
            event_id=self.event_id, status=RegistrationStatus.WAITING, serial__lt=self.serial
        ).count()
        return ahead + 1


class Feedback(models.Model):
    """What an attendee thought of the event, given after it with the registration's code."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(_("满意度"))
    text = models.TextField(_("意见和建议"), blank=True)
    public_text = models.TextField(blank=True)  # personal data masked (checker.engine.redact)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("活动评价")
        verbose_name_plural = _("活动评价")
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="ow_rating")
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.rating}"
