"""Letters from the public (DOMAIN.md §9): 领导信箱, 网上咨询 and 投诉建议.

A letter is a private case record (plain Django): who wrote, what, to which unit, its routing,
transfers, deadline on the working-day calendar, answer and the writer's rating. The answer goes
through the unit's review like any publication (先审后发) as a ``LetterReplyPage`` under the unit's
来信选登 column; the page going live is the moment the letter is answered. Only letters whose writer
consented and whose unit chose to publish them are shown to the public, with personal data masked.

Page tree:

    UnitPage
    └── ColumnPage (column=letters)      来信选登
        └── LetterReplyPage              one answered letter, through review
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from gongkai.checker.extract import html_to_text
from gongkai.library.models import ColumnType, UnitContentPage


class Channel(models.TextChoices):
    LEADER = "leader", _("领导信箱")
    CONSULT = "consult", _("网上咨询")
    COMPLAINT = "complaint", _("投诉建议")


# Working days to answer, per channel (DOMAIN.md §9: no national period; cities commonly answer
# consultations within 5 working days and suggestions/complaints within 15). The values in force
# are ChannelSetting rows, which the disclosure office may change; these are their defaults.
DEFAULT_RESPONSE_WORKDAYS: dict[str, int] = {
    Channel.LEADER: 15,
    Channel.CONSULT: 5,
    Channel.COMPLAINT: 15,
}


class ChannelSetting(models.Model):
    """One row per channel: its response period and whether the public form is open."""

    channel = models.CharField(_("渠道"), max_length=12, choices=Channel.choices, unique=True)
    response_workdays = models.PositiveSmallIntegerField(_("答复期限（工作日）"))
    remind_workdays_before = models.PositiveSmallIntegerField(_("到期前提醒（工作日）"), default=2)
    intro = models.TextField(_("渠道说明"), blank=True)
    enabled = models.BooleanField(_("受理来信"), default=True)

    class Meta:
        verbose_name = _("信件渠道设置")
        verbose_name_plural = _("信件渠道设置")

    def __str__(self) -> str:
        return str(Channel(self.channel).label)


class Category(models.Model):
    """What a letter is about; a category may name the unit that answers it (routing)."""

    name = models.CharField(_("类别"), max_length=40, unique=True)
    default_unit = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("默认承办单位"),
        help_text=_("写信人未选择单位时，此类来信转此单位办理；留空则由政务公开办分办。"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["order", "pk"]
        verbose_name = _("来信类别")
        verbose_name_plural = _("来信类别")

    def __str__(self) -> str:
        return self.name


class LetterStatus(models.TextChoices):
    RECEIVED = "received", _("待分办")
    ASSIGNED = "assigned", _("办理中")
    IN_REVIEW = "in_review", _("答复审核中")
    ANSWERED = "answered", _("已答复")
    INVALID = "invalid", _("无效来信")


# A letter still waiting for its answer (counted as unanswered by the statistics).
OPEN_STATUSES = (LetterStatus.RECEIVED, LetterStatus.ASSIGNED, LetterStatus.IN_REVIEW)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


def private_storage() -> FileSystemStorage:
    """Attachments live outside the web root, like applicants' files (settings.PRIVATE_ROOT)."""
    return FileSystemStorage(location=settings.PRIVATE_ROOT, base_url=None)


class Letter(models.Model):
    # The unit now responsible (谁主管谁回应); ``received_by`` is the unit first written to.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("承办单位"),
    )
    received_by = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("收信单位"),
    )
    channel = models.CharField(_("渠道"), max_length=12, choices=Channel.choices)
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("类别"),
    )
    # 信件编号: gapless per year (core.sequences, scope "letter-box"); the query code's digest only.
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("信件编号"), max_length=60, unique=True)
    query_code_digest = models.CharField(max_length=64, blank=True)
    # The form's one-time token: a second POST of the same form finds this letter.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)

    subject = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("来信内容"))
    name = models.CharField(_("姓名"), max_length=60)
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("联系地址"), max_length=200, blank=True)
    consent_publish = models.BooleanField(_("同意公开来信及答复"), default=False)
    submitter_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    submitted_at = models.DateTimeField(_("来信时间"), default=timezone.now)
    received_on = models.DateField(_("收信日期"))
    # The answer is due ``ChannelSetting.response_workdays`` working days after received_on (the
    # day of receipt not counted, 民法典第二百零一条; workdays.deadlines.add_workdays).
    due_on = models.DateField(_("答复期限"), null=True, blank=True)

    status = models.CharField(
        _("状态"), max_length=12, choices=LetterStatus.choices, default=LetterStatus.RECEIVED
    )
    invalid_reason = models.CharField(_("无效理由"), max_length=200, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办人"),
    )

    answer = models.TextField(_("答复内容"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    # Whether the unit publishes this letter (only when the writer consented).
    publish = models.BooleanField(_("公开选登"), default=False)
    public_subject = models.CharField(_("公开标题（已脱敏）"), max_length=100, blank=True)
    public_body = models.TextField(_("公开来信内容（已脱敏）"), blank=True)
    in_faq = models.BooleanField(_("列入常见问题"), default=False)

    satisfaction = models.CharField(
        _("满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    rating_comment = models.CharField(_("评价意见"), max_length=300, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)

    reminded_on = models.DateField(_("最近提醒日期"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("督办时间"), null=True, blank=True)

    # Letters migrated from an older system (gongkai mailbox import) keep its number and dates.
    imported = models.BooleanField(_("迁移自原系统"), default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["-submitted_at", "-id"]
        verbose_name = _("来信")
        verbose_name_plural = _("来信")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["year", "serial"], name="mailbox_letter_serial"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organisation", "status", "due_on"], name="mailbox_queue"),
            models.Index(fields=["organisation", "received_on"], name="mailbox_stats"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_valid(self) -> bool:
        return self.status != LetterStatus.INVALID

    @property
    def is_public(self) -> bool:
        """Shown to the public: answered, valid, consented and chosen by the unit."""
        return self.status == LetterStatus.ANSWERED and self.consent_publish and self.publish


class LetterAttachment(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="letters/%Y/%m/", storage=private_storage)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))

    class Meta:
        verbose_name = _("来信附件")
        verbose_name_plural = _("来信附件")

    def __str__(self) -> str:
        return self.name


class Transfer(models.Model):
    """A letter handed from one unit to another, with the reason (转办)."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_unit = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("转办理由"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar[list[str]] = ["at", "pk"]
        verbose_name = _("转办记录")
        verbose_name_plural = _("转办记录")

    def __str__(self) -> str:
        return f"{self.letter_id} → {self.to_unit_id}"


class FaqEntry(models.Model):
    """A question many ask, answered once: built from answered letters, edited by the unit."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    question = models.CharField(_("问题"), max_length=200)
    answer = models.TextField(_("答复"))
    source = models.ForeignKey(
        Letter, on_delete=models.SET_NULL, null=True, blank=True, related_name="faq_entries"
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    published = models.BooleanField(_("公开"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["order", "-updated_at"]
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")

    def __str__(self) -> str:
        return self.question


class LetterReplyPage(UnitContentPage):
    """The answer to one letter, reviewed before it goes out (先审后发). ``body`` is the answer;
    the masked question is copied from the letter when the page is drafted. The page being
    published is the letter being answered (mailbox.signals); the public sees it only when the
    letter is public (``Letter.is_public``), everyone else gets 404."""

    letter = models.OneToOneField(
        Letter, on_delete=models.PROTECT, related_name="reply_page", verbose_name=_("来信")
    )
    question = models.TextField(_("来信内容（已脱敏）"), blank=True)

    column_kind = ColumnType.LETTERS
    template = "mailbox/reply_page.html"
    is_creatable = False  # drafted by mailbox.services from the letter
    parent_page_types: ClassVar[list[str]] = ["library.ColumnPage"]
    subpage_types: ClassVar[list[str]] = []
    content_panels: ClassVar[list[Any]] = [
        FieldPanel("title"),
        FieldPanel("question"),
        FieldPanel("body", heading=_("答复内容")),
    ]

    class Meta:
        verbose_name = _("来信答复")
        verbose_name_plural = _("来信答复")

    def review_text(self) -> str:
        """What the reviewer checks (review.services.page_text): the masked question as it will
        be published, and the answer."""
        return f"{self.question}\n\n{html_to_text(self.body or '')}"

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.letter.is_public:
            raise Http404
        response: HttpResponse = super().serve(request, *args, **kwargs)
        return response

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        urls: list[dict[str, Any]] = super().get_sitemap_urls(request)
        return urls if self.letter.is_public else []
