"""The annual report (政府信息公开工作年度报告) as a page of the unit's 公开年报 column, and the
figures of table 二 that other systems hold."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from gongkai.library.models import ColumnType, UnitContentPage
from gongkai.reports.downloads import download_response
from gongkai.reports.export import ReportDocument, to_html
from gongkai.reports.labels import SECTIONS


class FigureKey(models.TextChoices):
    LICENSING = "licensing", _("行政许可 本年处理决定数量")
    PENALTY = "penalty", _("行政处罚 本年处理决定数量")
    COERCION = "coercion", _("行政强制 本年处理决定数量")
    FEES = "fees", _("行政事业性收费 本年收费金额（万元）")


class ReportFigure(models.Model):
    """A figure of table 二 from another system (审批、执法、财政), entered or imported by staff,
    with where it comes from."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="report_figures",
        verbose_name=_("单位"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    key = models.CharField(_("项目"), max_length=20, choices=FigureKey.choices)
    value = models.DecimalField(_("数值"), max_digits=14, decimal_places=4)
    source = models.CharField(_("数据来源"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("年报数据（其他系统）")
        verbose_name_plural = _("年报数据（其他系统）")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["organisation", "year", "key"], name="report_figure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_key_display()}：{self.value}"


class AnnualReportPage(RoutablePageMixin, UnitContentPage):
    """政府信息公开工作年度报告 of a unit for a year. The tables are computed by
    reports.compute and frozen on the page when drafted or refreshed (the published report
    does not change when later data does); sections 一, 五 and 六 are text the unit edits, pre-filled
    with facts Gongkai knows. Published through the review workflow like all unit content."""

    year = models.PositiveSmallIntegerField(_("年度"))
    subtree = models.BooleanField(_("含下级单位"), default=False)
    tables = models.JSONField(_("统计表"), default=dict, editable=False)
    charts = models.JSONField(default=dict, editable=False)
    computed_at = models.DateTimeField(null=True, editable=False)
    section_1 = models.TextField(_("一、总体情况"), blank=True)
    section_2 = models.TextField(_("二、主动公开政府信息情况（表前说明）"), blank=True)
    section_3 = models.TextField(_("三、收到和处理政府信息公开申请情况（表前说明）"), blank=True)
    section_4 = models.TextField(
        _("四、政府信息公开行政复议、行政诉讼情况（表前说明）"), blank=True
    )
    section_5 = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    section_6 = models.TextField(_("六、其他需要报告的事项"), blank=True)

    template = "reports_pages/annual_report_page.html"
    column_kind: ClassVar[str] = ColumnType.ANNUAL_REPORT
    parent_page_types: ClassVar[list[str]] = ["library.ColumnPage"]
    subpage_types: ClassVar[list[str]] = []
    content_panels: ClassVar[list[Any]] = [
        FieldPanel("title"),
        FieldPanel("year", read_only=True),
        MultiFieldPanel(
            [
                FieldPanel("section_1"),
                FieldPanel("section_2"),
                FieldPanel("section_3"),
                FieldPanel("section_4"),
                FieldPanel("section_5"),
                FieldPanel("section_6"),
            ],
            heading=_("报告正文（表二、三、四由系统根据业务数据生成）"),
        ),
    ]

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")

    def sections(self) -> dict[str, str]:
        texts = [self.section_1, self.section_2, self.section_3, self.section_4]
        texts += [self.section_5, self.section_6]
        return dict(zip(SECTIONS, texts, strict=True))

    def document(self) -> ReportDocument:
        unit = self.organisation.name if self.organisation else ""
        return ReportDocument(
            unit=unit,
            year=self.year,
            tables=self.tables,
            sections=self.sections(),
            charts=self.charts or None,
        )

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["report_html"] = mark_safe(to_html(self.document(), standalone=False))  # noqa: S308 - our exporter escapes every value
        return context

    @path("download/<str:fmt>/")
    def download(self, request: HttpRequest, fmt: str) -> HttpResponse:
        return download_response(self.document(), fmt, f"{self.title}")
