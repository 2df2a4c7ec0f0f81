"""The portal's pages (home page, thematic columns) and the public's error reports."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PagePermissionTester, WorkflowState

from gongkai.library import selectors
from gongkai.library.models import DisclosureIndexPage, PolicyLibraryPage
from gongkai.library.policies import can_publish_in

# How many documents of each 专题专栏 the home page shows.
HOME_COLUMN_ITEMS = 5


class HomePage(Page):
    """首页: latest policies and interpretations, entries to the disclosure column."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels: ClassVar[list[Any]] = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types: ClassVar[list[str]] = ["wagtailcore.Page"]
    subpage_types: ClassVar[list[str]] = [
        "library.DisclosureIndexPage",
        "library.PolicyLibraryPage",
        "portal.ThematicIndexPage",
    ]
    max_count = 1
    column_type = "首页"

    class Meta:
        verbose_name = _("首页")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:

        context = super().get_context(request, *args, **kwargs)
        context["latest_policies"] = selectors.public_policies()[:10]
        context["latest_interpretations"] = selectors.public_interpretations()[:6]
        context["library_page"] = PolicyLibraryPage.objects.child_of(self).live().first()
        context["disclosure_page"] = DisclosureIndexPage.objects.child_of(self).live().first()
        context["thematic_columns"] = [
            (column, column.public_documents()[:HOME_COLUMN_ITEMS])
            for column in ThematicColumnPage.objects.descendant_of(self).live().public()
        ]
        return context


class ThematicIndexPage(Page):
    """专题专栏 (/ztzl/): the site-wide columns curated by the city's office (see
    organisations.policies.can_curate_thematic_columns), apart from every unit's pages."""

    intro = RichTextField(_("导语"), blank=True)

    content_panels: ClassVar[list[Any]] = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types: ClassVar[list[str]] = ["portal.HomePage"]
    subpage_types: ClassVar[list[str]] = ["portal.ThematicColumnPage"]
    max_count = 1
    column_type = "专题专栏"

    class Meta:
        verbose_name = _("专题专栏目录")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["columns"] = [
            (column, column.public_documents()[:HOME_COLUMN_ITEMS])
            for column in ThematicColumnPage.objects.child_of(self).live().public()
        ]
        return context


class ThematicColumnPage(Page):
    """专题专栏: policy documents on one theme, chosen and ordered by editors. Its 主办单位
    (host unit) is the unit whose 先审后发 workflow reviews its changes
    (organisations.selectors.unit_of_page reads ``organisation``) and which the column names to
    the public."""

    intro = RichTextField(_("导语"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("主办单位"),
        help_text=_("专栏的主办单位：专栏的修改经该单位审核、签发后发布。"),
    )

    content_panels: ClassVar[list[Any]] = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("organisation"),
        InlinePanel("items", label=_("专栏文件")),
    ]
    parent_page_types: ClassVar[list[str]] = ["portal.ThematicIndexPage"]
    subpage_types: ClassVar[list[str]] = []
    column_type = "专题专栏"

    class Meta:
        verbose_name = _("专题专栏")
        verbose_name_plural = _("专题专栏")

    def permissions_for_user(self, user: Any) -> Any:
        return _ColumnPermissionTester(user, self)

    def public_documents(self) -> list[Any]:
        """The chosen documents the public may see (live, not 不予公开), in the editors' order."""

        order = [item.document_id for item in self.items.all()]
        visible = selectors.public_policies().in_bulk(order)
        return [visible[pk] for pk in order if pk in visible]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = self.public_documents()
        return context


class _ColumnPermissionTester(PagePermissionTester):
    """Curators do not publish columns: the host unit's head does, by 签发 at the end of the
    column's review (portal.services.column_submit) — and only while it is under review."""

    def can_publish(self) -> bool:
        if super().can_publish():
            return True

        unit = self.page.organisation
        if unit is None or not can_publish_in(self.user, unit):
            return False
        # The revision under review (Wagtail marks the state approved just before publishing).
        state = (
            WorkflowState.objects.for_instance(self.page)
            .select_related("current_task_state")
            .order_by("-created_at")
            .first()
        )
        return (
            state is not None
            and state.status in (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_APPROVED)
            and state.current_task_state is not None
            and state.current_task_state.revision_id == self.page.latest_revision_id
        )


class ThematicColumnItem(Orderable):
    page = ParentalKey(ThematicColumnPage, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        "library.PolicyDocumentPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("政策文件"),
    )

    panels: ClassVar[list[Any]] = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("专栏文件")
        verbose_name_plural = _("专栏文件")


# --- 我为政府网站找错 -------------------------------------------------------------------------------


class ErrorCategory(models.TextChoices):
    WORDING = "wording", _("错别字/表述错误")
    BROKEN_LINK = "broken_link", _("链接失效")
    OUTDATED = "outdated", _("内容过期")
    UNREACHABLE = "unreachable", _("无法访问")
    OTHER = "other", _("其他")


class ErrorReportStatus(models.TextChoices):
    NEW = "new", _("新提交")
    IN_PROGRESS = "in_progress", _("处理中")
    DONE = "done", _("已处理")


class ErrorReport(models.Model):
    """An error on a page reported by the public (我为政府网站找错, 国办秘函〔2019〕19号).

    ``organisation`` is the unit whose page it is; empty means the site's operator."""

    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    category = models.CharField(_("问题类型"), max_length=20, choices=ErrorCategory.choices)
    description = models.TextField(_("问题描述"), max_length=2000)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    page_url = models.CharField(_("页面地址"), max_length=500)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("页面"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="error_reports",
        verbose_name=_("责任单位"),
        help_text=_("空：网站主办单位。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=ErrorReportStatus.choices,
        default=ErrorReportStatus.NEW,
    )
    note = models.TextField(_("处理说明"), blank=True)

    panels: ClassVar[list[Any]] = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("created_at", read_only=True),
                        FieldPanel("category", read_only=True),
                        FieldPanel("organisation", read_only=True),
                    ]
                ),
                FieldPanel("page_url", read_only=True),
                FieldPanel("description", read_only=True),
                FieldPanel("contact", read_only=True),
            ],
            heading=_("网民反映"),
        ),
        FieldPanel("status"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("网站纠错")
        verbose_name_plural = _("网站纠错")
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="errorreport_status")]

    def __str__(self) -> str:
        return f"{self.get_category_display()}：{self.page_url}"
