"""Applications for government information (依申请公开): the case, its events, pauses,
attachments, letters, reminders, and reconsideration/litigation records.

Vocabulary of DOMAIN.md §1 (条例 第二十七至四十五条). Every change of a case goes through
services.py and leaves an ApplicationEvent (who, when, why); the annual report counts from
``received_on``, ``closed_on``, ``applicant_type`` and ``outcome``.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.applications import outcomes


class ApplicantType(models.TextChoices):
    """The applicant columns of table 三 (国办公开办函〔2021〕30号)."""

    NATURAL = "natural", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


class IdDocType(models.TextChoices):
    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan", _("台湾居民来往大陆通行证")
    FOREIGN_PERMANENT = "foreign_permanent", _("外国人永久居留身份证")
    OTHER = "other", _("其他有效身份证件")


class Channel(models.TextChoices):
    """How the application arrived; decides the receipt date (条例 第三十一条)."""

    ONLINE = "online", _("网上提交")
    IN_PERSON = "in_person", _("当面提交")
    REGISTERED_MAIL = "registered_mail", _("邮寄（挂号信、特快专递）")
    ORDINARY_MAIL = "ordinary_mail", _("邮寄（平常信函）")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


class DeliveryForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子文档")
    OTHER = "other", _("其他")


class DeliveryWay(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上查阅下载")
    PICKUP = "pickup", _("当面领取")
    FAX = "fax", _("传真")


class Status(models.TextChoices):
    RECEIVED = "received", _("已收到")
    CORRECTION_REQUESTED = "correction_requested", _("待申请人补正")
    ASSIGNED = "assigned", _("办理中")
    CONSULTING = "consulting", _("征求意见中")
    FEE_PENDING = "fee_pending", _("待缴费")
    REPLY_DRAFTED = "reply_drafted", _("答复已拟稿")
    LEGAL_REVIEW = "legal_review", _("法律审核中")
    APPROVED = "approved", _("答复已审批")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")


OPEN_STATUSES = [s for s in Status.values if s not in (Status.REPLIED, Status.CLOSED)]


def private_storage() -> FileSystemStorage:
    """Applicants' files live outside the web root (settings.PRIVATE_ROOT). A callable, so that
    migrations name it rather than a machine's path."""
    return FileSystemStorage(location=settings.PRIVATE_ROOT, base_url=None)


class Application(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("受理机关"),
    )
    # 受理编号: unique per unit and year, sequential without gaps (core.sequences).
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("受理编号"), max_length=60, unique=True)
    query_code_digest = models.CharField(max_length=64)
    # The form's one-time token: a second POST of the same form finds this case (no duplicate).
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)

    # Applicant (第二十九条); no purpose may be asked.
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("姓名/名称"), max_length=200)
    id_doc_type = models.CharField(
        _("证件类型"), max_length=20, choices=IdDocType.choices, blank=True
    )
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人/负责人"), max_length=100, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    # What is asked for.
    description = models.TextField(_("所需政府信息的名称、文号或者便于查询的其他特征性描述"))
    delivery_form = models.CharField(
        _("获取信息的载体形式"), max_length=20, choices=DeliveryForm.choices
    )
    delivery_way = models.CharField(_("获取信息的方式"), max_length=20, choices=DeliveryWay.choices)

    # Receipt (第三十一条).
    channel = models.CharField(_("提交方式"), max_length=20, choices=Channel.choices)
    submitted_at = models.DateTimeField(_("提交时间"))
    received_on = models.DateField(_("收到申请之日"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
    )

    # Handling.
    status = models.CharField(
        _("状态"), max_length=30, choices=Status.choices, default=Status.RECEIVED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承办人"),
    )
    correction_requested_on = models.DateField(_("补正通知日"), null=True, blank=True)
    correction_request = models.TextField(_("补正要求"), blank=True)
    corrected_on = models.DateField(_("补正收到日"), null=True, blank=True)
    correction_text = models.TextField(_("补正内容"), blank=True)
    extended = models.BooleanField(_("已延期"), default=False)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    fee_amount = models.DecimalField(
        _("信息处理费（元）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_notice_on = models.DateField(_("收费通知日"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日"), null=True, blank=True)

    # Deadlines as last computed (services.recompute_deadlines), for lists and reminders.
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    extended_due_on = models.DateField(_("延期后期限"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    # The deadline that applies now (the extended one once extended): what reminders and the
    # overdue scan read, indexed with the status.
    current_due_on = models.DateField(_("当前期限"), null=True, blank=True)
    deadline_provisional = models.BooleanField(_("期限为暂定"), default=False)
    deadline_derivation = models.JSONField(default=list, blank=True)

    # Outcome (第三十六至三十九条; the rows of the annual report).
    outcome = models.CharField(_("办理结果"), max_length=40, choices=outcomes.CHOICES, blank=True)
    outcome_basis = models.TextField(_("法律依据及理由"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    posted_on = models.DateField(_("交邮日期"), null=True, blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["organisation", "year", "serial"], name="application_serial_unique"
            )
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["status", "current_due_on"], name="application_open_due"),
            models.Index(fields=["organisation", "received_on"], name="application_org_received"),
            # The annual report's one GROUP BY per unit or subtree reads only this index
            # (index-only on PostgreSQL for a unit; SQLite 2.2 s → 0.9 s for a city of 1M cases).
            models.Index(
                fields=[
                    "organisation",
                    "received_on",
                    "applicant_type",
                    "status",
                    "outcome",
                    "replied_on",
                    "closed_on",
                ],
                name="application_report",
            ),
            # The dashboards' counts per unit (a covering index on SQLite; bench/applications).
            models.Index(
                fields=["organisation", "status", "current_due_on"], name="application_org_open_due"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def outcome_info(self) -> outcomes.Outcome | None:
        return outcomes.BY_CODE.get(self.outcome)


class Pause(models.Model):
    """Time that does not count toward the reply period: a consultation of a third party
    (第三十二条) or another agency (第三十四条), or a fee notice until payment (DOMAIN §1.4)."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "consultation_third_party", _("征求第三方意见")
        AGENCY = "consultation_agency", _("征求其他机关意见")
        FEE = "fee", _("收费通知至缴费")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(_("类型"), max_length=30, choices=Kind.choices)
    start = models.DateField(_("开始"))
    end = models.DateField(_("结束"), null=True, blank=True)
    party = models.CharField(_("征求对象"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("不计入期限的时间")
        ordering: ClassVar[list[str]] = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start}–{self.end or ''}"


class EventKind(models.TextChoices):
    """What a step of a case was (ApplicationEvent.kind). The field keeps free text (no
    ``choices``: older records and no migration); this is the one list of kinds and labels."""

    RECEIVED = "received", _("收到申请")
    ASSIGNED = "assigned", _("分配承办人")
    CORRECTION_REQUESTED = "correction_requested", _("通知补正")
    CORRECTED = "corrected", _("收到补正")
    CONSULTATION_SENT = "consultation_sent", _("征求意见")
    CONSULTATION_ANSWERED = "consultation_answered", _("征求意见结束")
    EXTENDED = "extended", _("延长答复期限")
    FEE_NOTICE = "fee_notice", _("发出收费通知")
    FEE_PAID = "fee_paid", _("已缴费")
    TRANSFERRED = "transferred", _("转办")
    REPLY_DRAFTED = "reply_drafted", _("拟定答复")
    LEGAL_REVIEW_REQUESTED = "legal_review_requested", _("送法律审核")
    LEGAL_REVIEW_PASSED = "legal_review_passed", _("法律审核通过")
    LEGAL_REVIEW_RETURNED = "legal_review_returned", _("法律审核退回")
    REPLY_RETURNED = "reply_returned", _("负责人退回答复")
    REPLY_APPROVED = "reply_approved", _("答复审批通过")
    EXTENSION_REQUESTED = "extension_requested", _("申请延期")
    EXTENSION_REFUSED = "extension_refused", _("不同意延期")
    REPLY_FILES_ADDED = "reply_files_added", _("上传答复附件")
    REPLY_FILE_REMOVED = "reply_file_removed", _("删除答复附件")
    REPLIED = "replied", _("作出答复")
    CLOSED = "closed", _("办结")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("期限重算")
    IMPORTED = "imported", _("从原系统导入")

    @property
    def internal(self) -> bool:
        """Internal deliberation the applicant does not see on the case page."""
        return self in INTERNAL_EVENTS


# Steps the applicant does not see on the case page (internal deliberation).
INTERNAL_EVENTS: frozenset[str] = frozenset(
    {
        EventKind.REPLY_DRAFTED,
        EventKind.LEGAL_REVIEW_REQUESTED,
        EventKind.LEGAL_REVIEW_PASSED,
        EventKind.LEGAL_REVIEW_RETURNED,
        EventKind.REPLY_RETURNED,
        EventKind.REPLY_APPROVED,
        EventKind.DEADLINE_RECOMPUTED,
        EventKind.EXTENSION_REQUESTED,
        EventKind.EXTENSION_REFUSED,
        EventKind.REPLY_FILES_ADDED,
        EventKind.REPLY_FILE_REMOVED,
    }
)

EVENT_LABELS = {kind.value: kind.label for kind in EventKind}


class ApplicationEvent(models.Model):
    """One step of a case: who did what, when and why (append-only)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"))
    on = models.DateField(_("日期"))  # the legal date of the step (may differ from ``at``)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    kind = models.CharField(_("事项"), max_length=40)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    note = models.TextField(_("说明"), blank=True)
    public = models.BooleanField(default=True)  # shown to the applicant

    class Meta:
        verbose_name = _("办理记录")
        ordering: ClassVar[list[str]] = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.kind}"

    def get_kind_label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(storage=private_storage, upload_to="applications/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    from_applicant = models.BooleanField(default=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class LetterKind(models.TextChoices):
    REPLY = "reply", _("答复告知书")
    CORRECTION = "correction", _("补正通知书")
    EXTENSION = "extension", _("延期答复告知书")
    THIRD_PARTY = "third_party", _("征求第三方意见书")
    FEE = "fee", _("收费通知书")


# The template of each notice (a reply's template is its outcome's code).
NOTICE_TEMPLATES = {
    LetterKind.CORRECTION: "notice.correction",
    LetterKind.EXTENSION: "notice.extension",
    LetterKind.THIRD_PARTY: "notice.third_party",
    LetterKind.FEE: "notice.fee",
}


def template_codes() -> list[tuple[str, str]]:
    """Every letter template code with its label: the outcomes' replies, then the notices."""
    codes = [(o.code, str(o.label)) for o in outcomes.OUTCOMES]
    codes += [(code, str(kind.label)) for kind, code in NOTICE_TEMPLATES.items()]
    return codes


class Letter(models.Model):
    """A letter of the case, its text fixed when drafted (the template may change later);
    DOCX and PDF are rendered from it (gongkai.letters)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("文书"), max_length=20, choices=LetterKind.choices)
    template_code = models.CharField(max_length=60)
    # A reply is numbered when the head approves it (a draft has none, so a returned draft uses
    # up no number); notices are numbered when drafted, as they go out at once.
    serial = models.PositiveIntegerField(null=True, blank=True)
    doc_number = models.CharField(_("文书编号"), max_length=80, blank=True)
    recipient = models.CharField(_("主送"), max_length=200)
    title = models.CharField(_("标题"), max_length=200)
    paragraphs = models.JSONField(default=list)
    issued_on = models.DateField(_("成文日期"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent = models.BooleanField(default=False)
    # Superseded by a redraft, or returned by the legal review or the head: kept in the record
    # (with its number if it had one), never sent.
    voided = models.BooleanField(_("已作废"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("文书")
        ordering: ClassVar[list[str]] = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.doc_number or f"草稿{self.pk}"


class LetterTemplate(models.Model):
    """A unit's own wording of a letter (blank unit: the city's wording for every unit)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("单位"),
    )
    code = models.CharField(_("文书类型"), max_length=60)
    text = models.TextField(_("模板"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organisation", "code"], name="letter_template_unique")
        ]

    def __str__(self) -> str:
        return dict(template_codes()).get(self.code, self.code)


class Reminder(models.Model):
    """A reminder or escalation sent for one deadline (unique: sent once)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20)  # "due_soon" | "overdue"
    deadline = models.DateField()
    sent_on = models.DateField()
    recipients = models.TextField(blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["application", "kind", "deadline"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.kind}:{self.deadline}"


class AppealKind(models.TextChoices):
    """Table 四 of the annual report."""

    RECONSIDERATION = "reconsideration", _("行政复议")
    DIRECT_SUIT = "direct_suit", _("未经复议直接起诉")
    SUIT_AFTER = "suit_after_reconsideration", _("复议后起诉")


class AppealResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class Appeal(models.Model):
    """A reconsideration or lawsuit about a disclosure decision, linked to its case when known,
    so that lessons can be reviewed and table 四 counted."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("单位"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("申请"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类型"), max_length=30, choices=AppealKind.choices)
    result = models.CharField(_("结果"), max_length=20, choices=AppealResult.choices)
    filed_on = models.DateField(_("立案日期"), null=True, blank=True)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    lesson = models.TextField(_("经验教训"), blank=True)

    class Meta:
        verbose_name = _("行政复议、行政诉讼")
        verbose_name_plural = _("行政复议、行政诉讼")

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()}（{self.get_result_display()}）"
