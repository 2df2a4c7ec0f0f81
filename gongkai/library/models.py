"""Pages of the disclosure column and the policy library, and their metadata (DOMAIN.md §3, §4).

Page tree (one 政府信息公开 column per unit, the four first-level columns of
国办公开办函〔2019〕61号):

    HomePage (portal)
    ├── PolicyLibraryPage            政策文件库 (city-wide list)
    └── DisclosureIndexPage          政府信息公开
        └── UnitPage                 one per organisation
            ├── DisclosureGuidePage  政府信息公开指南
            ├── DisclosureSystemPage 政府信息公开制度
            ├── StatutoryContentPage 法定主动公开内容
            │   └── ColumnPage       政策文件 / 政策解读 / 通知公告 / 工作动态
            │       └── PolicyDocumentPage, InterpretationPage, NoticePage, NewsPage
            └── ColumnPage           政府信息公开年报
"""

from __future__ import annotations

from collections.abc import Callable
from html import unescape
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from gongkai.core.config import gongkai_config
from gongkai.library.admin_forms import AttachmentInlinePanel, PolicyPageForm
from gongkai.library.docnumbers import DocNumberError, parse_doc_number
from gongkai.library.excerpt import measure_excerpt
from gongkai.library.numbering import allocate_index_number
from gongkai.library.policies import can_change_structural_page
from gongkai.library.publication import check_publication, current_system_publication
from gongkai.library.validity import RelationKind, Validity
from gongkai.organisations.selectors import unit_of_page

# --- Reference data --------------------------------------------------------------------------


class Topic(models.Model):
    """主题分类: the State Council topic taxonomy (two levels), loaded from data/topics.json."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级分类"),
    )
    name = models.CharField(_("名称"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering: ClassVar[list[str]] = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="topic_unique_name"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The path as gov.cn writes it: 卫生、体育\\医药管理."""
        if self.parent_id is None:
            return self.name
        return f"{self.parent.name}\\{self.name}"  # type: ignore[union-attr]


class DocType(models.TextChoices):
    """文种 as counted by the annual report's table 二 (第二十条第（一）项)."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他文件")


class Genre(models.TextChoices):
    """公文种类 (《党政机关公文处理工作条例》第八条)."""

    RESOLUTION = "决议", _("决议")
    DECISION = "决定", _("决定")
    ORDER = "命令（令）", _("命令（令）")
    COMMUNIQUE = "公报", _("公报")
    ANNOUNCEMENT = "公告", _("公告")
    PUBLIC_NOTICE = "通告", _("通告")
    OPINION = "意见", _("意见")
    NOTICE = "通知", _("通知")
    CIRCULAR = "通报", _("通报")
    REPORT = "报告", _("报告")
    REQUEST = "请示", _("请示")
    REPLY = "批复", _("批复")
    MOTION = "议案", _("议案")
    LETTER = "函", _("函")
    MINUTES = "纪要", _("纪要")


class DisclosureMode(models.TextChoices):
    """公开方式 (条例 第十九至二十一条; 第十四至十六条 for what is not disclosed)."""

    PROACTIVE = "proactive", _("主动公开")
    ON_APPLICATION = "on_application", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


class NonDisclosureReason(models.TextChoices):
    """Grounds for not disclosing proactively (条例 第十四、十五、十六条)."""

    STATE_SECRET = "state_secret", _("国家秘密")
    LAW_FORBIDS = "law_forbids", _("法律、行政法规禁止公开")
    SECURITY = "security", _("危及“三安全一稳定”")
    TRADE_SECRET = "trade_secret", _("商业秘密")
    PRIVACY = "privacy", _("个人隐私")
    INTERNAL = "internal", _("内部事务信息")
    PROCESS = "process", _("过程性信息")
    ENFORCEMENT = "enforcement", _("行政执法案卷信息")
    SPECIFIC_GROUP = "specific_group", _("仅涉及特定对象（依申请公开）")


class ColumnType(models.TextChoices):
    """Column kinds; the labels are the ColumnType meta values of the 政府网站发展指引."""

    POLICY = "policy", _("政策文件")
    INTERPRETATION = "interpretation", _("政策解读")
    NOTICE = "notice", _("通知公告")
    NEWS = "news", _("工作动态")
    ANNUAL_REPORT = "annual_report", _("信息公开年报")
    CONSULTATION = "consultation", _("意见征集")
    LETTERS = "letters", _("来信选登")  # issue 15: answered letters published (gongkai.mailbox)
    EVALUATION = "evaluation", _("政策评价")  # issue 15: 政策落实结果评价 (gongkai.evaluation)


# --- Structure pages ------------------------------------------------------------------------------


class StructuralPagePermissionTester(PagePermissionTester):
    """The unit's staff work *under* a structural page (add content to a column) but do not
    change the page itself: policies.can_change_structural_page (issue 11)."""

    def _may_change(self) -> bool:

        return can_change_structural_page(self.user)

    def can_edit(self) -> bool:
        return self._may_change() and super().can_edit()

    def can_publish(self) -> bool:
        return self._may_change() and super().can_publish()

    def can_unpublish(self) -> bool:
        return self._may_change() and super().can_unpublish()

    def can_delete(self, ignore_bulk: bool = False) -> bool:
        return self._may_change() and super().can_delete(ignore_bulk)

    def can_move(self) -> bool:
        return self._may_change() and super().can_move()

    def can_copy(self) -> bool:
        return self._may_change() and super().can_copy()

    def can_set_view_restrictions(self) -> bool:
        return self._may_change() and super().can_set_view_restrictions()


def structural_permissions(page: Page, user: Any) -> PagePermissionTester:
    return StructuralPagePermissionTester(user, page)


class DisclosureIndexPage(Page):
    """政府信息公开: the entry to every unit's disclosure column."""

    intro = RichTextField(_("说明"), blank=True)

    content_panels: ClassVar[list[Any]] = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types: ClassVar[list[str]] = ["portal.HomePage"]
    subpage_types: ClassVar[list[str]] = ["library.UnitPage"]
    max_count = 1
    column_type = "信息公开目录"

    class Meta:
        verbose_name = _("政府信息公开（总入口）")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["units"] = (
            UnitPage.objects.child_of(self).live().select_related("organisation").order_by("path")
        )
        return context


class UnitPage(Page):
    """One unit's 政府信息公开 column. Created with the unit (provisioning.services.unit_create)."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="unit_page",
        verbose_name=_("机构"),
    )

    # The unit is fixed when the column is created (library.services.unit_columns_ensure).
    content_panels: ClassVar[list[Any]] = [*Page.content_panels]
    parent_page_types: ClassVar[list[str]] = ["library.DisclosureIndexPage"]
    subpage_types: ClassVar[list[str]] = [
        "library.DisclosureGuidePage",
        "library.DisclosureSystemPage",
        "library.StatutoryContentPage",
        "library.ColumnPage",
    ]
    column_type = "信息公开目录"

    class Meta:
        verbose_name = _("单位政府信息公开栏目")

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return structural_permissions(self, user)


class StatutoryContentPage(Page):
    """法定主动公开内容 (第一级栏目). Its children are the content columns."""

    parent_page_types: ClassVar[list[str]] = ["library.UnitPage"]
    subpage_types: ClassVar[list[str]] = ["library.ColumnPage"]
    max_count_per_parent = 1
    column_type = "信息公开目录"

    class Meta:
        verbose_name = _("法定主动公开内容")

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return structural_permissions(self, user)


class ColumnPage(Page):
    """A content column of a unit: 政策文件, 政策解读, 通知公告, 工作动态 or 公开年报."""

    column = models.CharField(_("栏目类型"), max_length=20, choices=ColumnType.choices)

    content_panels: ClassVar[list[Any]] = [*Page.content_panels, FieldPanel("column")]
    parent_page_types: ClassVar[list[str]] = ["library.UnitPage", "library.StatutoryContentPage"]
    subpage_types: ClassVar[list[str]] = [
        "library.PolicyDocumentPage",
        "library.InterpretationPage",
        "library.NoticePage",
        "library.NewsPage",
        "reports.AnnualReportPage",
        "participation.ConsultationPage",
    ]

    class Meta:
        verbose_name = _("内容栏目")

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return structural_permissions(self, user)

    @property
    def column_type(self) -> str:
        return str(ColumnType(self.column).label)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # local import: library.selectors imports this module
        from gongkai.library import selectors

        context = super().get_context(request, *args, **kwargs)
        context["items"] = selectors.public_column_items(self)[:50]
        return context


# --- Content pages --------------------------------------------------------------------------------


class UnitContentPage(Page):
    """Content published by a unit. ``organisation`` is the unit whose column holds the page."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("发布单位"),
    )
    published_on = models.DateField(
        _("发布日期"), null=True, blank=True, help_text=_("留空则取首次发布当日。")
    )
    body = RichTextField(_("正文"), blank=True)

    column_kind: ClassVar[str] = ""
    search_fields: ClassVar[list[Any]] = [
        *Page.search_fields,
        index.SearchField("body"),
        index.FilterField("organisation"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent: Page) -> bool:
        if not super().can_create_at(parent):
            return False
        if not cls.column_kind:  # guide and system pages sit directly under the unit
            return True
        return getattr(parent.specific, "column", None) == cls.column_kind

    @property
    def column_type(self) -> str:
        return str(ColumnType(self.column_kind).label)

    def save(self, *args: Any, **kwargs: Any) -> None:
        unit = unit_of_page(self, from_tree=True)
        if unit is not None:
            self.organisation_id = unit.pk
        # Wagtail's create view saves a new page as live before its publish step (which the
        # review may refuse): a new page is a draft until a reviewed revision is published.
        if (
            self._state.adding
            and getattr(self, "live", False)
            and current_system_publication() is None
        ):
            self.live = False
        if self.live and self.published_on is None:
            self.published_on = timezone.localdate()
        super().save(*args, **kwargs)

    @property
    def body_text(self) -> str:
        return unescape(strip_tags(self.body)).strip()

    def publish(self, revision: Any, *args: Any, **kwargs: Any) -> Any:
        """Every publishing path that goes through a revision (workflow approval, scheduled
        publishing, bulk actions, code) checks the library's publication rules first."""
        # The library's own rules, then 先审后发: only what the workflow approved (the gates
        # library and review register in their AppConfig.ready()).
        check_publication(revision)
        return super().publish(revision, *args, **kwargs)


class PolicyDocumentPage(UnitContentPage):
    """政策文件 with the metadata of the State Council policy library and local additions."""

    index_number = models.CharField(
        _("索引号"), max_length=40, unique=True, null=True, blank=True, editable=False
    )
    # Identifies an imported document, so that importing it again updates it (import.py).
    import_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="+", verbose_name=_("主题分类")
    )
    doc_type = models.CharField(_("文种"), max_length=20, choices=DocType.choices)
    genre = models.CharField(_("公文种类"), max_length=10, choices=Genre.choices, blank=True)
    doc_number = models.CharField(
        _("发文字号"), max_length=60, blank=True, help_text=_("如：洪府办发〔2024〕31号")
    )
    # Parsed from doc_number on save, for filtering and checks.
    doc_organ_code = models.CharField(max_length=30, blank=True, editable=False)
    doc_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    doc_serial = models.PositiveIntegerField(null=True, blank=True, editable=False)

    written_on = models.DateField(_("成文日期"))
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    is_major = models.BooleanField(
        _("重大政策"),
        default=False,
        help_text=_("重大政策须有政策解读方可发布（三同步，国办发〔2016〕80号）。"),
    )
    disclosure_mode = models.CharField(
        _("公开方式"),
        max_length=20,
        choices=DisclosureMode.choices,
        default=DisclosureMode.PROACTIVE,
    )
    non_disclosure_reason = models.CharField(
        _("不主动公开理由"), max_length=20, choices=NonDisclosureReason.choices, blank=True
    )
    disclosure_scope = models.CharField(_("公开范围"), max_length=60, default="面向全社会")

    valid_from = models.DateField(_("施行日期"), null=True, blank=True)
    valid_until = models.DateField(
        _("有效期至"), null=True, blank=True, help_text=_("有效期届满后自动显示为“失效”。")
    )
    abolished_on = models.DateField(
        _("废止日期"),
        null=True,
        blank=True,
        help_text=_("由系统外文件废止时填写；被本库文件废止或替代时自动标注，无需填写。"),
    )
    abolition_note = models.CharField(_("废止说明"), max_length=200, blank=True)

    # Derived by services.refresh_validity; never edited by hand.
    validity = models.CharField(
        _("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID, editable=False
    )
    validity_changed_on = models.DateField(
        _("有效性变更日期"), null=True, blank=True, editable=False
    )
    validity_reason = models.CharField(_("有效性说明"), max_length=300, blank=True, editable=False)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("替代/废止文件"),
    )

    services = ParentalManyToManyField(
        "servicecatalog.ServiceItem",
        blank=True,
        related_name="policies",
        verbose_name=_("关联办事事项"),
    )

    column_kind = ColumnType.POLICY
    exclude_fields_in_copy: ClassVar[list[str]] = ["index_number", "import_key"]
    parent_page_types: ClassVar[list[str]] = ["library.ColumnPage"]
    subpage_types: ClassVar[list[str]] = []
    # The address is the 索引号 (…/zcwj/2026-00012/), set on creation: no slug field to fill.
    promote_panels: ClassVar[list[Any]] = []
    base_form_class = PolicyPageForm

    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                InlinePanel("issuers", label=_("发文机关"), min_num=1),
                FieldRowPanel(
                    [FieldPanel("doc_number"), FieldPanel("doc_type"), FieldPanel("genre")]
                ),
                FieldRowPanel([FieldPanel("written_on"), FieldPanel("published_on")]),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("keywords")]),
                FieldPanel("is_major"),
            ],
            heading=_("文件信息"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("disclosure_mode"), FieldPanel("non_disclosure_reason")]),
                FieldPanel("disclosure_scope"),
            ],
            heading=_("公开属性"),
        ),
        FieldPanel("body"),
        AttachmentInlinePanel("attachments", label=_("附件")),
        MultiFieldPanel(
            [
                HelpPanel(_("有效性由下列日期及本库中其他文件的“废止/替代”关系自动得出。")),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldRowPanel([FieldPanel("abolished_on"), FieldPanel("abolition_note")]),
                InlinePanel("relations", label=_("本文件对其他文件的作用（替代、修改、废止）")),
            ],
            heading=_("有效性与文件关系"),
        ),
        FieldPanel("services"),
    ]

    search_fields: ClassVar[list[Any]] = [
        *UnitContentPage.search_fields,
        index.SearchField("doc_number"),
        index.SearchField("index_number"),
        index.SearchField("keywords"),
        index.FilterField("doc_type"),
        index.FilterField("validity"),
    ]

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")
        indexes = [
            models.Index(fields=["doc_type", "written_on"], name="policy_type_written"),
            models.Index(fields=["validity"], name="policy_validity"),
        ]

    @property
    def units(self) -> list[Any]:
        """发文机关 in order (the lead unit first)."""
        return [issuer.organisation for issuer in self.issuers.all()]

    @property
    def parsed_doc_number(self):
        return parse_doc_number(self.doc_number) if self.doc_number else None

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        if self.doc_number:
            try:
                parsed = parse_doc_number(self.doc_number)
            except DocNumberError as exc:
                errors.setdefault("doc_number", []).append(exc.message)
            else:
                self.doc_number = str(parsed)
                if (
                    parsed.year is not None
                    and self.written_on
                    and parsed.year not in (self.written_on.year, self.written_on.year - 1)
                ):
                    errors.setdefault("doc_number", []).append(
                        f"发文字号年份（{parsed.year}）与成文日期（{self.written_on:%Y年%-m月%-d日}）不符。"
                    )
        if self.published_on and self.written_on and self.published_on < self.written_on:
            errors.setdefault("published_on", []).append("发布日期不能早于成文日期。")
        if self.disclosure_mode != DisclosureMode.PROACTIVE and not self.non_disclosure_reason:
            errors.setdefault("non_disclosure_reason", []).append("非主动公开的文件须说明理由。")
        if self.disclosure_mode == DisclosureMode.PROACTIVE and self.non_disclosure_reason:
            self.non_disclosure_reason = ""
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors.setdefault("valid_until", []).append("有效期至不能早于施行日期。")
        if errors:
            raise ValidationError(errors)

    def _set_core_field_defaults(self) -> None:
        """A new document's address is its 索引号, allocated when it is added to its column (the
        path is known then), not a slug of its long Chinese title."""
        if not self.slug and self.path:  # type: ignore[has-type]
            unit = unit_of_page(self, from_tree=True)
            if unit is not None and self.written_on:
                self.ensure_index_number(unit.pk)
            if self.index_number:
                self.slug = self._get_autogenerated_slug(self.index_number.rsplit("/", 1)[-1])
        super()._set_core_field_defaults()

    def ensure_index_number(self, organisation_id: int) -> str:
        """The document's 索引号, allocated once from its unit's counter for the year of its
        成文日期 (numbering.allocate_index_number: the one allocator)."""
        if not self.index_number:
            self.index_number = allocate_index_number(
                organisation_id=organisation_id, year=self.written_on.year
            )
        return self.index_number

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.doc_number:
            try:
                parsed = parse_doc_number(self.doc_number)
            except DocNumberError:
                parsed = None
            self.doc_organ_code = parsed.organ if parsed else ""
            self.doc_year = parsed.year if parsed else None
            self.doc_serial = parsed.serial if parsed else None
        else:
            self.doc_organ_code, self.doc_year, self.doc_serial = "", None, None
        super().save(*args, **kwargs)  # sets organisation from the tree
        if not self.index_number and self.organisation_id is not None:
            self.ensure_index_number(self.organisation_id)
            type(self).objects.filter(pk=self.pk).update(index_number=self.index_number)
        if self.pk:
            # local import: library.services imports these models (a model-service cycle
            # inside the app)
            # local import: library.services imports this module
            from gongkai.library.services import apply_derived_validity

            apply_derived_validity(self)


class PolicyIssuer(Orderable):
    """发文机关: one of the units that issue a document (several for a joint issuance)."""

    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="issuers")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("发文机关"),
    )

    panels: ClassVar[list[Any]] = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("发文机关")
        constraints = [
            models.UniqueConstraint(fields=["page", "organisation"], name="issuer_unique"),
        ]


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("文件")
    )
    title = models.CharField(_("附件名称"), max_length=200, blank=True)

    # One step (admin_forms.PolicyAttachmentForm): upload the file and give its public name.
    panels: ClassVar[list[Any]] = [
        FieldPanel("upload"),
        FieldPanel("title"),
        FieldPanel("document", heading=_("文件（已上传的附件）")),
    ]

    def display_title(self) -> str:
        return self.title or self.document.title


class DocumentRelation(Orderable):
    """The source document replaces, amends or abolishes the target document."""

    source = ParentalKey(PolicyDocumentPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("作用"), max_length=12, choices=RelationKind.choices)
    target = models.ForeignKey(
        PolicyDocumentPage,
        on_delete=models.CASCADE,
        related_name="incoming_relations",
        verbose_name=_("被作用的文件"),
    )
    effective_on = models.DateField(
        _("生效日期"), null=True, blank=True, help_text=_("留空则自本文件发布之日起。")
    )

    panels: ClassVar[list[Any]] = [
        FieldPanel("kind"),
        FieldPanel("target"),
        FieldPanel("effective_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("文件关系")

    def clean(self) -> None:
        if self.source_id and self.target_id == self.source_id:
            raise ValidationError({"target": "文件不能作用于其自身。"})


class InterpretationFacetKind(models.TextChoices):
    """What a substantive interpretation explains (国办发〔2016〕80号, DOMAIN.md §4)."""

    BACKGROUND = "background", _("背景依据")
    GOALS = "goals", _("目标任务")
    CONTENT = "content", _("主要内容")
    SCOPE = "scope", _("涉及范围")
    STANDARDS = "standards", _("执行标准")
    CAUTIONS = "cautions", _("注意事项")
    TERMS = "terms", _("关键词诠释")
    MEASURES = "measures", _("惠企利民举措")
    CHANGES = "changes", _("新旧政策差异")


class InterpretationForm(models.TextChoices):
    TEXT = "text", _("文字解读")
    OFFICIAL = "official", _("负责人解读")
    EXPERT = "expert", _("专家解读")
    GRAPHIC = "graphic", _("图解")
    VIDEO = "video", _("视频解读")
    QA = "qa", _("问答解读")


class InterpretationPage(UnitContentPage):
    """政策解读: linked to its policy both ways (policy.interpretations)."""

    policy = models.ForeignKey(
        PolicyDocumentPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=False,
        related_name="interpretations",
        verbose_name=_("所解读的政策文件"),
    )
    form = models.CharField(
        _("解读形式"),
        max_length=12,
        choices=InterpretationForm.choices,
        default=InterpretationForm.TEXT,
    )
    interpreter = models.CharField(
        _("解读人/解读机构"), max_length=100, blank=True, help_text=_("谁起草、谁解读。")
    )
    video = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("视频文件"),
    )
    video_url = models.URLField(_("视频地址"), blank=True)
    copied_ratio = models.FloatField(
        _("摘抄比例"),
        default=0.0,
        editable=False,
        help_text=_("解读文字中与政策原文连续相同部分的比例（见文档“解读实质性”）。"),
    )

    column_kind = ColumnType.INTERPRETATION
    parent_page_types: ClassVar[list[str]] = ["library.ColumnPage"]
    subpage_types: ClassVar[list[str]] = []
    # The address follows the policy's: …/zcjd/jd-2026-00012/ (set on creation).
    promote_panels: ClassVar[list[Any]] = []

    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        FieldPanel("policy"),
        FieldRowPanel([FieldPanel("form"), FieldPanel("interpreter"), FieldPanel("published_on")]),
        FieldPanel("body", heading=_("导语/正文")),
        InlinePanel("facets", label=_("解读要点（背景依据、目标任务、主要内容……）")),
        InlinePanel("questions", label=_("问答")),
        InlinePanel("images", label=_("图解")),
        FieldRowPanel([FieldPanel("video"), FieldPanel("video_url")]),
    ]

    search_fields: ClassVar[list[Any]] = [
        *UnitContentPage.search_fields,
        index.RelatedFields("facets", [index.SearchField("text")]),
        index.RelatedFields(
            "questions", [index.SearchField("question"), index.SearchField("answer")]
        ),
    ]

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    @property
    def full_text(self) -> str:
        """All words of the interpretation, for the excerpt measure and search."""
        parts = [self.body_text]
        parts += [unescape(strip_tags(f.text)) for f in self.facets.all()]
        parts += [f"{q.question} {unescape(strip_tags(q.answer))}" for q in self.questions.all()]
        return "\n".join(p for p in parts if p)

    def measure_copied_ratio(self) -> float:

        if self.policy is None:
            return 0.0
        return round(measure_excerpt(self.full_text, self.policy.body_text).ratio, 3)

    def _set_core_field_defaults(self) -> None:
        policy = self.policy
        if not self.slug and self.path and policy is not None and policy.slug:  # type: ignore[has-type]
            self.slug = self._get_autogenerated_slug(f"jd-{policy.slug}")
        super()._set_core_field_defaults()

    def clean(self) -> None:
        super().clean()
        # Revisions are serialised after full_clean(), so the measure travels with each draft.
        self.copied_ratio = self.measure_copied_ratio()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.copied_ratio = self.measure_copied_ratio()
        super().save(*args, **kwargs)

    @property
    def looks_like_excerpt(self) -> bool:

        return self.copied_ratio >= float(gongkai_config().excerpt_warn_ratio)

    @property
    def serves_publicly(self) -> bool:
        """Public only together with its policy (三同步): an interpretation published ahead of
        a scheduled policy stays hidden, with its images and video (core.policies), until the
        policy goes live."""
        return self.policy is not None and self.policy.live

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.serves_publicly:
            raise Http404
        return super().serve(request, *args, **kwargs)


class InterpretationFacet(Orderable):
    page = ParentalKey(InterpretationPage, on_delete=models.CASCADE, related_name="facets")
    kind = models.CharField(_("要点"), max_length=12, choices=InterpretationFacetKind.choices)
    text = RichTextField(_("内容"))

    panels: ClassVar[list[Any]] = [FieldPanel("kind"), FieldPanel("text")]


class InterpretationQuestion(Orderable):
    page = ParentalKey(InterpretationPage, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(_("问"), max_length=300)
    answer = RichTextField(_("答"))

    panels: ClassVar[list[Any]] = [FieldPanel("question"), FieldPanel("answer")]


class InterpretationImage(Orderable):
    page = ParentalKey(InterpretationPage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("图片说明"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("替代文字"), max_length=300, help_text=_("为视障读者描述图中内容（无障碍要求）。")
    )

    panels: ClassVar[list[Any]] = [
        FieldPanel("image"),
        FieldPanel("caption"),
        FieldPanel("alt_text"),
    ]


class _DatedAddressMixin:
    """Notices and news get a short address from the day they are created (…/tzgg/20261207/,
    then 20261207-2), not a slug of their long Chinese title: no slug field to fill."""

    promote_panels: ClassVar[list[Any]] = []

    def _set_core_field_defaults(self) -> None:
        if not self.slug and self.path:  # type: ignore[attr-defined,has-type]
            self.slug = self._get_autogenerated_slug(f"{timezone.localdate():%Y%m%d}")  # type: ignore[attr-defined]
        super()._set_core_field_defaults()  # type: ignore[misc]


class NoticePage(_DatedAddressMixin, UnitContentPage):
    """通知公告."""

    template = "library/article_page.html"

    column_kind = ColumnType.NOTICE
    parent_page_types: ClassVar[list[str]] = ["library.ColumnPage"]
    subpage_types: ClassVar[list[str]] = []
    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        FieldPanel("published_on"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")


class NewsPage(_DatedAddressMixin, UnitContentPage):
    """工作动态."""

    template = "library/article_page.html"

    source = models.CharField(_("来源"), max_length=100, blank=True)

    column_kind = ColumnType.NEWS
    parent_page_types: ClassVar[list[str]] = ["library.ColumnPage"]
    subpage_types: ClassVar[list[str]] = []
    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("published_on"), FieldPanel("source")]),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("工作动态")
        verbose_name_plural = _("工作动态")


class DisclosureGuidePage(UnitContentPage):
    """政府信息公开指南 (条例 第十二条). Contact data comes from the unit's record."""

    column_kind = ""
    parent_page_types: ClassVar[list[str]] = ["library.UnitPage"]
    subpage_types: ClassVar[list[str]] = []
    max_count_per_parent = 1
    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        HelpPanel(_("公开工作机构的地址、电话、办公时间等取自机构信息，在“机构”中维护。")),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("政府信息公开指南")

    @property
    def column_type(self) -> str:
        return "信息公开指南"


class DisclosureSystemPage(UnitContentPage):
    """政府信息公开制度."""

    template = "library/article_page.html"

    column_kind = ""
    parent_page_types: ClassVar[list[str]] = ["library.UnitPage"]
    subpage_types: ClassVar[list[str]] = []
    max_count_per_parent = 1
    content_panels: ClassVar[list[Any]] = [*Page.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = _("政府信息公开制度")

    @property
    def column_type(self) -> str:
        return "信息公开制度"


class PolicyLibraryPage(Page):
    """政策文件库: every live policy document of every unit, newest first."""

    intro = RichTextField(_("说明"), blank=True)
    content_panels: ClassVar[list[Any]] = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types: ClassVar[list[str]] = ["portal.HomePage"]
    subpage_types: ClassVar[list[str]] = []
    max_count = 1
    column_type = "政策文件"

    class Meta:
        verbose_name = _("政策文件库")

    # The list with its filters and counts comes from the site's search engine, which sits
    # above the library and plugs itself in here (SearchConfig.ready()): a callable taking the
    # request and returning (template context, HTTP status).
    listing: ClassVar[Callable[[HttpRequest], tuple[dict[str, Any], int]] | None] = None

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.listing is None:
            raise Http404
        context = self.get_context(request, *args, **kwargs)
        extra, status = type(self).listing(request)  # type: ignore[misc]
        context.update(extra)
        return TemplateResponse(request, self.get_template(request), context, status=status)
