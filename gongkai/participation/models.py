"""Public participation (DOMAIN.md §9): consultation on drafts (意见征集) with clause-level
comments and the published adoption feedback (意见采纳情况反馈), and major administrative
decisions (重大行政决策, 国务院令第713号) with their yearly catalogue and statutory procedures.

Page tree (under each unit's 政府信息公开 column, next to the annual-report column):

    UnitPage
    └── ColumnPage (column=consultation)       意见征集
        └── ConsultationPage                   one consultation, through review (先审后发)
            └── ConsultationFeedbackPage       意见采纳情况反馈, through review

Everything else is plain Django: the draft's versions and clauses, the comments that hang on a
clause, the questionnaire, the offline channels, and the major-decision records.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from gongkai.checker.extract import html_to_text
from gongkai.library.models import ColumnType, UnitContentPage

# --- Consultations ---------------------------------------------------------------------------------


class ConsultationKind(models.TextChoices):
    """What is consulted on; the minimum period follows from it (participation.periods)."""

    REGULATION = "regulation", _("规章草案")
    NORMATIVE = "normative", _("行政规范性文件草案")
    MAJOR_DECISION = "major-decision", _("重大行政决策草案")
    OTHER = "other", _("其他征求意见稿")


class ConsultationStatus(models.TextChoices):
    """The public status, derived from the dates and the feedback (ConsultationPage.status)."""

    FORTHCOMING = "forthcoming", _("即将开始")
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已结束")
    RESULT = "result", _("已公布采纳情况")


class ConsultationPage(RoutablePageMixin, UnitContentPage):
    """One consultation: the announcement (``body``), the 起草说明, the draft's versions and
    clauses, attachments and the channels for written comments."""

    kind = models.CharField(_("征求意见类别"), max_length=20, choices=ConsultationKind.choices)
    opens_on = models.DateField(_("征求意见开始日期"))
    closes_on = models.DateField(_("征求意见截止日期"))
    market_related = models.BooleanField(
        _("与市场主体生产经营活动密切相关"),
        default=False,
        help_text=_("《优化营商环境条例》第六十二条：征求意见时间一般不少于30日。"),
    )
    urgent_reason = models.TextField(
        _("缩短征求意见期限的理由"),
        blank=True,
        help_text=_("期限少于规定的最短期限时必须填写，并随征求意见一并公布。"),
    )
    explanation = models.TextField(_("起草说明"), blank=True)
    contact = models.TextField(
        _("书面意见提交方式"),
        blank=True,
        help_text=_("通信地址、电子邮箱、传真或电话等。"),
    )
    decision = models.ForeignKey(
        "participation.MajorDecision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("所属重大行政决策"),
    )

    template = "participation/consultation_page.html"
    column_kind: ClassVar[str] = ColumnType.CONSULTATION
    parent_page_types: ClassVar[list[str]] = ["library.ColumnPage"]
    subpage_types: ClassVar[list[str]] = ["participation.ConsultationFeedbackPage"]
    content_panels: ClassVar[list[Any]] = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("market_related")]),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("urgent_reason"),
        FieldPanel("body", heading=_("征求意见公告")),
        FieldPanel("explanation"),
        FieldPanel("contact"),
        FieldPanel("decision"),
        InlinePanel("attachments", label=_("附件")),
        InlinePanel("questions", label=_("调查问卷")),
    ]

    # Created through participation.services.consultation_create (the admin's 发起意见征集 screen
    # or the CLI), which parses the draft into clauses; the page editor edits it afterwards.
    is_creatable = False

    class Meta:
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")

    def clean(self) -> None:
        super().clean()
        # local import: the model/service pair of this app (services imports the models)
        from gongkai.participation.services import period_refusal

        if self.opens_on and self.closes_on:
            refusal = period_refusal(
                kind=self.kind,
                opens_on=self.opens_on,
                closes_on=self.closes_on,
                market_related=self.market_related,
                urgent_reason=self.urgent_reason,
            )
            if refusal is not None:
                field = "urgent_reason" if refusal.code == "period" else "closes_on"
                raise ValidationError({field: refusal.messages})

    def review_text(self) -> str:
        """What the reviewer checks before publication (review.services.page_text): the
        announcement, the explanation, the stated reason, the contact and the draft itself."""
        version = self.consulted_version() if self.pk else None
        parts = [
            html_to_text(self.body or ""),
            self.explanation,
            self.urgent_reason,
            self.contact,
            version.text if version is not None else "",
        ]
        return "\n\n".join(p.strip() for p in parts if p and p.strip())

    def status_on(self, today: dt.date) -> ConsultationStatus:
        if self.has_published_feedback():
            return ConsultationStatus.RESULT
        if today < self.opens_on:
            return ConsultationStatus.FORTHCOMING
        if today <= self.closes_on:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    @property
    def status(self) -> ConsultationStatus:
        return self.status_on(timezone.localdate())

    def is_open(self) -> bool:
        return self.status == ConsultationStatus.OPEN

    def days_left(self, today: dt.date | None = None) -> int:
        """Calendar days left including the closing day (0 when closed or not yet open)."""
        today = today or timezone.localdate()
        if today < self.opens_on or today > self.closes_on:
            return 0
        return (self.closes_on - today).days + 1

    def has_published_feedback(self) -> bool:
        return bool(ConsultationFeedbackPage.objects.child_of(self).live().exists())

    def published_feedback(self) -> ConsultationFeedbackPage | None:
        return cast(
            "ConsultationFeedbackPage | None",
            ConsultationFeedbackPage.objects.child_of(self).live().first(),
        )

    def consulted_version(self) -> DraftVersion | None:
        """The draft the public comments on: the latest version that is not the final text."""
        return cast(
            "DraftVersion | None", self.versions.filter(final=False).order_by("-number").first()
        )

    def final_version(self) -> DraftVersion | None:
        return cast(
            "DraftVersion | None", self.versions.filter(final=True).order_by("-number").first()
        )

    # --- Public routes (participation.views: the comment form, the questionnaire) ----------------

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # local import: participation.views imports this module
        from gongkai.participation import views

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context.update(views.page_context(self, request))
        return context

    @path("comment/")
    def comment_route(self, request: HttpRequest) -> HttpResponse:
        # local import: participation.views imports this module
        from gongkai.participation import views

        return views.comment_view(request, self)

    @path("comment/thanks/")
    def comment_thanks_route(self, request: HttpRequest) -> HttpResponse:
        # local import: participation.views imports this module
        from gongkai.participation import views

        return views.comment_thanks_view(request, self)

    @path("questionnaire/")
    def questionnaire_route(self, request: HttpRequest) -> HttpResponse:
        # local import: participation.views imports this module
        from gongkai.participation import views

        return views.questionnaire_view(request, self)

    @path("questionnaire/thanks/")
    def questionnaire_thanks_route(self, request: HttpRequest) -> HttpResponse:
        # local import: participation.views imports this module
        from gongkai.participation import views

        return views.questionnaire_thanks_view(request, self)

    @path("version/<int:number>/")
    def version_route(self, request: HttpRequest, number: int) -> HttpResponse:
        # local import: participation.views imports this module
        from gongkai.participation import views

        return views.version_view(request, self, number)


class ConsultationAttachment(Orderable):
    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(_("附件名称"), max_length=200, blank=True)

    panels: ClassVar[list[Any]] = [FieldPanel("document"), FieldPanel("title")]

    def display_title(self) -> str:
        return self.title or self.document.title


class DraftVersion(models.Model):
    """A text of the draft: the consulted versions (征求意见稿, 修改稿) and the final text."""

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("版本号"))
    label = models.CharField(_("版本名称"), max_length=60, default="征求意见稿")
    final = models.BooleanField(_("最终文本"), default=False)
    text = models.TextField(_("全文"))
    source_name = models.CharField(_("来源文件"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("草案版本")
        verbose_name_plural = _("草案版本")
        ordering: ClassVar[list[str]] = ["number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="participation_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}（第{self.number}版）"


class Clause(models.Model):
    """A 条, 款 or numbered item of a draft version, as parsed from its numbering
    (participation.clauses). Comments hang on a clause of the consulted version."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="clauses")
    order = models.PositiveIntegerField(_("顺序"))
    number = models.CharField(_("条款号"), max_length=60)
    heading = models.CharField(_("所在章节"), max_length=200, blank=True)
    text = models.TextField(_("条文"))
    level = models.PositiveSmallIntegerField(_("层级"), default=1)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("条款")
        verbose_name_plural = _("条款")
        ordering: ClassVar[list[str]] = ["order"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["version", "order"], name="participation_clause_order")
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["version", "number"])]

    def __str__(self) -> str:
        return self.number


class ClauseAssignment(models.Model):
    """A clause given to a colleague to draft the answer to its comments."""

    clause = models.OneToOneField(Clause, on_delete=models.CASCADE, related_name="assignment")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("承办人"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("条款分办")
        verbose_name_plural = _("条款分办")

    def __str__(self) -> str:
        return f"{self.clause} → {self.assignee}"


# --- The questionnaire -----------------------------------------------------------------------------


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    SCALE = "scale", _("量表（1-5分）")
    TEXT = "text", _("文字")


class QuestionBase(models.Model):
    """The fields and rules of a questionnaire question, shared by every owner of a
    questionnaire (a consultation here; a policy evaluation's survey in gongkai.evaluation).
    An owner's concrete model adds its ParentalKey (``related_name="questions"``) and Orderable.
    ``show_if_number``/``show_if_answer``: shown only when the earlier question with that number
    (1-based, in order) was answered so (questionnaire_services.shown)."""

    kind = models.CharField(_("题型"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("题目"), max_length=300)
    required = models.BooleanField(_("必答"), default=False)
    options = models.TextField(_("选项（每行一个）"), blank=True)
    show_if_number = models.PositiveSmallIntegerField(_("前置题号"), null=True, blank=True)
    show_if_answer = models.CharField(_("前置题目的答案为"), max_length=100, blank=True)

    panels: ClassVar[list[Any]] = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("text"),
        FieldPanel("options"),
        FieldRowPanel([FieldPanel("show_if_number"), FieldPanel("show_if_answer")]),
    ]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.text

    def option_list(self) -> list[str]:
        if self.kind == QuestionKind.SCALE:
            return ["1", "2", "3", "4", "5"]
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class Question(Orderable, QuestionBase):
    """A question of the consultation's questionnaire, edited with the page (and so reviewed
    with it)."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="questions")

    class Meta(Orderable.Meta):
        verbose_name = _("问卷题目")
        verbose_name_plural = _("问卷题目")


class QuestionnaireResponseBase(models.Model):
    """One answer sheet from the public, shared by every owner of a questionnaire; the
    concrete model adds the FK to its owner."""

    answers = models.JSONField(default=dict)  # {str(question id): str | list[str]}
    submitter_key = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class QuestionnaireResponse(QuestionnaireResponseBase):
    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="responses"
    )

    class Meta:
        verbose_name = _("问卷答卷")
        verbose_name_plural = _("问卷答卷")

    def __str__(self) -> str:
        return f"{self.consultation_id}-{self.pk}"


# --- Offline channels and comments -----------------------------------------------------------------


class OfflineKind(models.TextChoices):
    SYMPOSIUM = "symposium", _("座谈会")
    HEARING = "hearing", _("听证会")
    EXPERT = "expert", _("专家论证")
    LETTER = "letter", _("信函")
    OTHER = "other", _("其他")


class OfflineRecord(models.Model):
    """A channel outside the website, recorded by staff: its comments are entered against it and
    counted in the same feedback."""

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="offline_records"
    )
    kind = models.CharField(_("方式"), max_length=10, choices=OfflineKind.choices)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=200, blank=True)
    participants = models.TextField(_("参加人员"), blank=True)
    conclusions = models.TextField(_("主要意见和结论"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("线下征求意见记录")
        verbose_name_plural = _("线下征求意见记录")
        ordering: ClassVar[list[str]] = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    ACCEPTED = "accepted", _("已受理")
    HELD = "held", _("不予展示")


class Disposition(models.TextChoices):
    NONE = "", _("未处理")
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")


class Theme(models.Model):
    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="themes"
    )
    label = models.CharField(_("主题"), max_length=60)

    class Meta:
        verbose_name = _("意见主题")
        verbose_name_plural = _("意见主题")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["consultation", "label"], name="participation_theme_label"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Comment(models.Model):
    """A comment on a clause, a passage inside it, or the whole draft (``clause`` empty)."""

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="comments"
    )
    clause = models.ForeignKey(
        Clause,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("条款"),
    )
    passage = models.CharField(_("所引条文"), max_length=500, blank=True)
    text = models.TextField(_("意见内容"))
    public_text = models.TextField(_("公开文本（已脱敏）"), blank=True)
    name = models.CharField(_("姓名或单位"), max_length=60, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    consent_publish = models.BooleanField(_("同意公开意见内容"), default=False)
    submitter_key = models.CharField(max_length=64, db_index=True, editable=False)
    # The form's one-time token: a resubmitted form (double click, retry) stores one comment.
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    offline = models.ForeignKey(
        OfflineRecord,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("线下渠道"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    hold_reason = models.CharField(_("不予展示的理由"), max_length=200, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    disposition = models.CharField(
        _("采纳情况"), max_length=12, choices=Disposition.choices, default="", blank=True
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="comments")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(
                fields=["consultation", "status", "-created_at", "-id"],
                name="participation_queue",
            ),
            # The queue without a status filter (all comments), newest first.
            models.Index(
                fields=["consultation", "-created_at", "-id"],
                name="participation_queue_all",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:30]

    @property
    def channel_label(self) -> str:
        return self.offline.get_kind_display() if self.offline is not None else "网上留言"


class AnalysisStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class CommentAnalysis(models.Model):
    """A stored run of the analysis of mass comments (participation.analysis), for consultations
    too large to analyse while the staff screen loads: it runs as a background task. ``full``:
    on the texts as written (the unit's staff) or as masked by the checker (readers)."""

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="analyses"
    )
    full = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=AnalysisStatus.choices, default=AnalysisStatus.QUEUED
    )
    comment_count = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("意见分析")
        verbose_name_plural = _("意见分析")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(
                fields=["consultation", "full", "-requested_at"], name="participation_analysis"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id} {self.requested_at:%Y-%m-%d %H:%M}"


# --- The feedback (意见采纳情况反馈) -----------------------------------------------------------------


class ConsultationFeedbackPage(UnitContentPage):
    """The published adoption feedback of a consultation: a row per clause (how many comments,
    adopted / partly / not adopted, the reason of each group), the final text and its
    clause-aligned comparison with the consulted draft. 《优化营商环境条例》第六十二条 requires the
    feedback mechanism; 国务院令第713号 asks that reasons be given where comments are not adopted."""

    final_version = models.ForeignKey(
        DraftVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("最终文本"),
    )

    template = "participation/feedback_page.html"
    is_creatable = False  # drafted by participation.services.feedback_draft, pre-filled
    parent_page_types: ClassVar[list[str]] = ["participation.ConsultationPage"]
    subpage_types: ClassVar[list[str]] = []
    max_count_per_parent = 1
    content_panels: ClassVar[list[Any]] = [
        FieldPanel("title"),
        FieldPanel("body", heading=_("总体情况说明")),
        InlinePanel("rows", label=_("逐条采纳情况")),
    ]

    class Meta:
        verbose_name = _("意见采纳情况反馈")
        verbose_name_plural = _("意见采纳情况反馈")

    @property
    def column_type(self) -> str:
        return str(ColumnType.CONSULTATION.label)

    def clean(self) -> None:
        """Rows edited in the page editor come back without their clause link (the panel shows
        the clause's number only): it is found again by number in the consulted draft."""
        super().clean()
        consultation = self.consultation if self.pk else None
        version = consultation.consulted_version() if consultation is not None else None
        if version is None:
            return
        clauses = {c.number: c for c in version.clauses.all()}
        for row in self.rows.all():
            if row.clause_id is None and row.clause_number in clauses:
                row.clause = clauses[row.clause_number]

    def review_text(self) -> str:
        """The overall text, every row's reasons and the final text (review.services.page_text)."""
        parts = [html_to_text(self.body or "")]
        for row in self.rows.all():
            parts += [row.reason_adopted, row.reason_partly, row.reason_not]
        if self.final_version is not None:
            parts.append(self.final_version.text)
        return "\n\n".join(p.strip() for p in parts if p and p.strip())

    @property
    def consultation(self) -> ConsultationPage | None:
        parent = self.get_parent()
        specific = parent.specific if parent is not None else None
        return specific if isinstance(specific, ConsultationPage) else None


class FeedbackRow(Orderable):
    page = ParentalKey(ConsultationFeedbackPage, on_delete=models.CASCADE, related_name="rows")
    clause = models.ForeignKey(
        Clause, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    clause_number = models.CharField(_("条款"), max_length=60)
    comments = models.PositiveIntegerField(_("意见数"), default=0)
    adopted = models.PositiveIntegerField(_("采纳"), default=0)
    partly_adopted = models.PositiveIntegerField(_("部分采纳"), default=0)
    not_adopted = models.PositiveIntegerField(_("不予采纳"), default=0)
    reason_adopted = models.TextField(_("采纳情况说明"), blank=True)
    reason_partly = models.TextField(_("部分采纳的理由"), blank=True)
    reason_not = models.TextField(_("不予采纳的理由"), blank=True)

    panels: ClassVar[list[Any]] = [
        FieldPanel("clause_number"),
        FieldRowPanel(
            [
                FieldPanel("comments"),
                FieldPanel("adopted"),
                FieldPanel("partly_adopted"),
                FieldPanel("not_adopted"),
            ]
        ),
        MultiFieldPanel(
            [FieldPanel("reason_adopted"), FieldPanel("reason_partly"), FieldPanel("reason_not")],
            heading=_("理由"),
        ),
    ]

    def reasons(self) -> list[str]:
        return [r for r in (self.reason_adopted, self.reason_partly, self.reason_not) if r]


# --- Major administrative decisions (重大行政决策, 国务院令第713号) ----------------------------------


class DecisionCatalogue(models.Model):
    """决策事项目录: a government's yearly catalogue of major decisions (条例第三条第三款: 决策
    机关确定决策事项目录，经同级党委同意后向社会公布)."""

    government = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("决策机关"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    note = models.TextField(_("说明"), blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("重大行政决策事项目录")
        verbose_name_plural = _("重大行政决策事项目录")
        ordering: ClassVar[list[str]] = ["-year", "government__path"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["government", "year"], name="decision_catalogue_year")
        ]

    def __str__(self) -> str:
        return f"{self.government}{self.year}年度重大行政决策事项目录"


class DecisionStatus(models.TextChoices):
    PLANNED = "planned", _("拟决策")
    IN_PROGRESS = "in_progress", _("决策中")
    DECIDED = "decided", _("已作出决策")
    WITHDRAWN = "withdrawn", _("已调整出目录")


class MajorDecision(models.Model):  # type: ignore[django-manager-missing]  # Wagtail page FK
    catalogue = models.ForeignKey(
        DecisionCatalogue, on_delete=models.CASCADE, related_name="decisions"
    )
    order = models.PositiveSmallIntegerField(_("序号"), default=0)
    title = models.CharField(_("决策事项"), max_length=200)
    lead_unit = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("决策承办单位"),
    )
    summary = models.TextField(_("事项概述"), blank=True)
    planned_time = models.CharField(_("计划完成时间"), max_length=60, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=DecisionStatus.choices, default=DecisionStatus.PLANNED
    )
    decided_on = models.DateField(_("决策日期"), null=True, blank=True)
    outcome = models.TextField(_("决策结果"), blank=True)
    participation_waiver_reason = models.TextField(
        _("未开展公众参与的理由"),
        blank=True,
        help_text=_("依法不予公开的决策事项等（条例第十四条），须写明理由。"),
    )

    class Meta:
        verbose_name = _("重大行政决策事项")
        verbose_name_plural = _("重大行政决策事项")
        ordering: ClassVar[list[str]] = ["catalogue", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ProcedureKind(models.TextChoices):
    """The five statutory procedures: 公众参与, 专家论证, 风险评估 (条例第二章第二至四节),
    合法性审查 and 集体讨论决定 (第三章)."""

    PUBLIC_PARTICIPATION = "public_participation", _("公众参与")
    EXPERT = "expert", _("专家论证")
    RISK = "risk", _("风险评估")
    LEGALITY = "legality", _("合法性审查")
    COLLECTIVE = "collective", _("集体讨论决定")


class DecisionProcedure(models.Model):
    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="procedures")
    kind = models.CharField(_("程序"), max_length=24, choices=ProcedureKind.choices)
    held_on = models.DateField(_("日期"))
    summary = models.TextField(_("情况说明"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("相关文件"),
    )
    link = models.URLField(_("相关链接"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("决策程序记录")
        verbose_name_plural = _("决策程序记录")
        ordering: ClassVar[list[str]] = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"
