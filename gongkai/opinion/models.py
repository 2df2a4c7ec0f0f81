"""政务舆情回应 (国办发〔2016〕61号): the incident register and the published responses.

An ``Incident`` is one piece of public opinion about government work that the disclosure office
(政务公开办) registered: where it was seen, when it first appeared, what it says, how serious it
is and which unit answers for it ("谁主管谁回应": the office decides, and the register keeps who
decided and why, reassignments included). A ``Response`` is what the unit published in answer;
the public sees only responses marked public (/zwyq/), never the incident record itself.

Deadlines are computed when the incident is registered (or its level changes) and stored, so a
later change of the configurable periods does not move the deadline of an incident already
running: see deadlines.py.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Links in the register and to published responses: web addresses only (no javascript:,
# file:, ftp: — a staff member clicks them, and the public list links out to them).
http_url = URLValidator(
    schemes=["http", "https"], message=_("请输入以 http:// 或 https:// 开头的网址。")
)


class Source(models.TextChoices):
    MEDIA = "media", _("新闻媒体")
    SOCIAL = "social", _("网络社交平台")
    HOTLINE = "hotline", _("12345热线")
    PETITION = "petition", _("信访")
    OTHER = "other", _("其他")


class Level(models.TextChoices):
    """舆情级别. 特别重大 and 重大 are the "重大突发事件" of 国办发〔2016〕61号 with the statutory
    5 h / 24 h periods; 较大 and 一般 have the periods the city sets (ResponsePeriod)."""

    ESPECIALLY_MAJOR = "especially_major", _("特别重大")
    MAJOR = "major", _("重大")
    LARGE = "large", _("较大")
    GENERAL = "general", _("一般")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("待回应")
    RESPONDED = "responded", _("已回应")
    CLOSED = "closed", _("已关闭")


class ResponseKind(models.TextChoices):
    AUTHORITATIVE = "authoritative", _("权威信息发布")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    BRIEFING = "briefing", _("情况通报")
    OTHER = "other", _("其他")


# Levels whose period the city's disclosure office sets (the others are statutory).
CONFIGURABLE_LEVELS: tuple[str, ...] = (Level.LARGE, Level.GENERAL)

# Our defaults, not the law's: 国办发〔2016〕61号 leaves the period of other incidents to the
# responsible unit's own rules. Changed through ResponsePeriod rows (the city's office).
DEFAULT_RESPONSE_HOURS: dict[str, int] = {Level.LARGE: 24, Level.GENERAL: 48}


class ResponsePeriod(models.Model):
    """The response period in hours of a configurable level (较大, 一般)."""

    level = models.CharField(_("舆情级别"), max_length=20, choices=Level.choices, unique=True)
    hours = models.PositiveSmallIntegerField(
        _("回应时限（小时）"), validators=[MinValueValidator(1), MaxValueValidator(720)]
    )

    class Meta:
        verbose_name = _("舆情回应时限")
        verbose_name_plural = _("舆情回应时限")

    def __str__(self) -> str:
        return f"{Level(self.level).label}：{self.hours}小时"


class Incident(models.Model):
    """政务舆情 — one registered incident."""

    number = models.CharField(_("登记号"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    office = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记机关"),
        help_text=_("登记并督办本舆情的政务公开办所在单位。"),
    )
    source = models.CharField(_("来源"), max_length=12, choices=Source.choices)
    link = models.URLField(_("舆情链接"), max_length=500, blank=True, validators=[http_url])
    first_seen_at = models.DateTimeField(_("首次发现时间"))
    summary = models.TextField(_("舆情摘要"), max_length=4000)
    level = models.CharField(_("舆情级别"), max_length=20, choices=Level.choices)
    matter = models.CharField(_("涉及事项"), max_length=200)
    unit = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("回应责任单位"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确定责任单位的人员"),
    )
    assigned_at = models.DateTimeField(_("确定责任单位时间"), null=True, blank=True)
    assignment_reason = models.TextField(_("确定理由"), blank=True, max_length=1000)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
    )
    registered_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    status = models.CharField(
        _("状态"), max_length=12, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    respond_by = models.DateTimeField(_("首次回应时限"))
    conference_by = models.DateTimeField(_("新闻发布会时限"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("逾期督办时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    close_reason = models.TextField(_("关闭理由"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("政务舆情")
        verbose_name_plural = _("政务舆情")
        ordering: ClassVar[list[str]] = ["-first_seen_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["year", "serial"], name="opinion_incident_year_serial")
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "respond_by"], name="opinion_inc_status_due"),
            models.Index(fields=["unit", "first_seen_at"], name="opinion_inc_unit_seen"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.matter}"


class IncidentAssignment(models.Model):
    """谁主管谁回应: each decision on the responsible unit, with who decided and why."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("回应责任单位"),
    )
    previous_unit = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("原责任单位"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("决定人"),
    )
    decided_at = models.DateTimeField(_("决定时间"), default=timezone.now)
    reason = models.TextField(_("理由"), max_length=1000)

    class Meta:
        verbose_name = _("责任单位确定记录")
        verbose_name_plural = _("责任单位确定记录")
        ordering: ClassVar[list[str]] = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.incident_id} → {self.unit_id}"


class Response(models.Model):
    """舆情回应 — what the responsible unit published in answer."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="responses")
    kind = models.CharField(_("回应方式"), max_length=20, choices=ResponseKind.choices)
    published_at = models.DateTimeField(_("发布时间"))
    title = models.CharField(_("标题"), max_length=200)
    url = models.URLField(_("发布网址"), max_length=500, blank=True, validators=[http_url])
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("本站页面"),
    )
    public = models.BooleanField(_("在舆情回应栏目公开"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("记录人"),
    )
    recorded_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("舆情回应")
        verbose_name_plural = _("舆情回应")
        ordering: ClassVar[list[str]] = ["published_at", "pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["public", "-published_at"], name="opinion_resp_public"),
        ]

    def __str__(self) -> str:
        return self.title
