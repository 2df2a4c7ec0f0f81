"""Models of gongkai.events (issue 15): 在线访谈, 新闻发布会, 政策吹风会.

An event belongs to one unit, explains the policies and interpretations it links (DOMAIN.md §4:
online interviews are a form of interpretation, and inspections want the link both ways), has
guests, takes questions from the public beforehand (moderated), and gets a text transcript that
staff post while it is live. The public sees it only when ``published``.

Its status is stored and moved by the services: 预告 (upcoming) → 直播中 (live, staff start it)
→ 已结束 (ended, archived). The public may send questions only while it is 预告 and before its
start time; staff post the transcript only while it is 直播中.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.organisations.models import Organisation


class EventKind(models.TextChoices):
    INTERVIEW = "interview", _("在线访谈")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    BRIEFING = "briefing", _("政策吹风会")


class EventStatus(models.TextChoices):
    UPCOMING = "upcoming", _("预告")
    LIVE = "live", _("直播中")
    ENDED = "ended", _("已结束")


def validate_video_url(value: str) -> None:
    """Only http(s) addresses with a host: never javascript:, data: or a relative path."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(_("视频地址须以 http:// 或 https:// 开头。"), code="video_url")


class Event(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="events", verbose_name=_("主办单位")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("简介"), blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    video_url = models.URLField(
        _("视频地址"), blank=True, max_length=500, validators=[validate_video_url]
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=EventStatus.choices, default=EventStatus.UPCOMING
    )
    published = models.BooleanField(_("向社会公布"), default=False)
    policies = models.ManyToManyField(
        PolicyDocumentPage, blank=True, related_name="events", verbose_name=_("解读的政策文件")
    )
    interpretations = models.ManyToManyField(
        InterpretationPage, blank=True, related_name="events", verbose_name=_("相关政策解读")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("访谈与发布会")
        verbose_name_plural = _("访谈与发布会")
        indexes = [models.Index(fields=["published", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/zxft/{self.pk}/"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("结束时间须晚于开始时间。")})


class EventGuest(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("姓名"), max_length=60)
    post = models.CharField(_("职务"), max_length=100, blank=True)
    unit = models.CharField(_("单位"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("嘉宾")
        verbose_name_plural = _("嘉宾")

    def __str__(self) -> str:
        return self.name


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    HELD = "held", _("待复核")  # abusive words found by the system: a person looks first
    ACCEPTED = "accepted", _("已采用")
    REJECTED = "rejected", _("不予采用")
    ANSWERED = "answered", _("已答复")


class PreQuestion(models.Model):
    """A question sent by the public before the event (网友提问). ``public_text`` is the text
    with personal data masked by the content checker; only it is ever shown publicly."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("问题"))
    public_text = models.TextField(_("公开的问题"), blank=True)
    name = models.CharField(_("称呼"), max_length=60, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    hold_reason = models.CharField(_("说明"), max_length=200, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    token = models.CharField(max_length=40, unique=True, null=True, blank=True)
    submitter_key = models.CharField(max_length=64, blank=True, db_index=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("网友提问")
        verbose_name_plural = _("网友提问")

    def __str__(self) -> str:
        return (self.public_text or self.text)[:30]


class TranscriptEntry(models.Model):
    """One line of the live text transcript (文字实录), in the order posted (by id: the public
    page's script asks for the entries after the last id it has)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="transcript")
    guest = models.ForeignKey(
        EventGuest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    speaker = models.CharField(_("发言人"), max_length=100)
    text = models.TextField(_("内容"))
    question = models.ForeignKey(
        PreQuestion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
        verbose_name=_("回答的网友提问"),
    )
    posted_at = models.DateTimeField(auto_now_add=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("文字实录")
        verbose_name_plural = _("文字实录")

    def __str__(self) -> str:
        return f"{self.speaker}：{self.text[:30]}"
