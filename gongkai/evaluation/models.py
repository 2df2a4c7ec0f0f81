"""政策落实结果评价 (work plan 三(十一); DOMAIN.md §9): an evaluation project on a policy.

    UnitPage
    └── ColumnPage (column=evaluation)     政策评价
        └── PolicyEvaluationPage           one evaluation, through the unit's review (先审后发)

The page holds what is published: the policy evaluated, the acting unit, the period, the method,
the findings in four parts, the conclusion, its reasons and the follow-up measures, and the
survey's questions (participation's questionnaire, reused through QuestionBase). Plain Django
models hold what hangs on it: the public's answer sheets, the interview and 座谈 records, and
the acting unit's reports of what it did (落实情况).

No statutory period applies to evaluations (DOMAIN.md §9): the survey is open between the dates
the unit sets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
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
from gongkai.participation.models import QuestionBase, QuestionnaireResponseBase


class Conclusion(models.TextChoices):
    """The decision the evaluation leads to. The work plan asks for evaluations that lead to a
    decision to "adjust, revise, continue or end" a policy (DOMAIN.md §9). 调整 (adjust) is kept
    apart from 修订 (revise): adjusting changes how the policy is carried out (standards, scope,
    measures) without amending its text; revising amends the document itself."""

    CONTINUE = "continue", _("继续实施")
    ADJUST = "adjust", _("调整实施")
    REVISE = "revise", _("修订完善")
    END = "end", _("废止")


class PolicyEvaluationPage(RoutablePageMixin, UnitContentPage):
    """One evaluation of a policy by the page's unit (``organisation``, the evaluating unit)."""

    policy = models.ForeignKey(
        "library.PolicyDocumentPage",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("评价的政策文件"),
    )
    acting_unit = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("落实评价结论的单位"),
        help_text=_("默认为政策文件的发文机关。"),
    )
    period_start = models.DateField(_("评价期间起"), null=True, blank=True)
    period_end = models.DateField(_("评价期间止"), null=True, blank=True)
    method = models.TextField(_("评价方式"), blank=True)
    survey_opens_on = models.DateField(_("问卷开始日期"), null=True, blank=True)
    survey_closes_on = models.DateField(_("问卷截止日期"), null=True, blank=True)
    finding_standards = models.TextField(_("执行规范"), blank=True)
    finding_scope = models.TextField(_("覆盖范围"), blank=True)
    finding_effect = models.TextField(_("实施效果"), blank=True)
    finding_problems = models.TextField(_("存在问题"), blank=True)
    conclusion = models.CharField(
        _("评价结论"), max_length=10, choices=Conclusion.choices, blank=True
    )
    reasons = models.TextField(_("结论理由"), blank=True)
    measures = models.TextField(_("后续措施"), blank=True)

    template = "evaluation/evaluation_page.html"
    column_kind: ClassVar[str] = ColumnType.EVALUATION
    parent_page_types: ClassVar[list[str]] = ["library.ColumnPage"]
    subpage_types: ClassVar[list[str]] = []
    content_panels: ClassVar[list[Any]] = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("acting_unit"),
        FieldPanel("method"),
        FieldPanel("body", heading=_("评价说明")),
        FieldRowPanel([FieldPanel("survey_opens_on"), FieldPanel("survey_closes_on")]),
        InlinePanel("questions", label=_("调查问卷")),
        MultiFieldPanel(
            [
                FieldPanel("finding_standards"),
                FieldPanel("finding_scope"),
                FieldPanel("finding_effect"),
                FieldPanel("finding_problems"),
            ],
            heading=_("评价发现"),
        ),
        FieldPanel("conclusion"),
        FieldPanel("reasons"),
        FieldPanel("measures"),
    ]

    # Created through evaluation.services.evaluation_create (the admin's 新建政策评价 screen),
    # which fixes the policy and places the page in the unit's 政策评价 column.
    is_creatable = False

    class Meta:
        verbose_name = _("政策落实结果评价")
        verbose_name_plural = _("政策落实结果评价")

    def findings(self) -> list[tuple[str, str]]:
        """The four parts of the findings, labelled, the empty ones left out."""
        parts = [
            (_("执行规范"), self.finding_standards),
            (_("覆盖范围"), self.finding_scope),
            (_("实施效果"), self.finding_effect),
            (_("存在问题"), self.finding_problems),
        ]
        return [(str(label), text) for label, text in parts if text.strip()]

    def review_text(self) -> str:
        """What the reviewer checks (review.services.page_text): the description, the method,
        the survey's questions, the records as they will show, the findings and conclusion."""
        parts = [html_to_text(self.body or ""), self.method]
        parts += [q.text for q in self.questions.all()]
        if self.pk:
            for record in self.records.all():
                parts += [record.summary, record.key_points]
        parts += [text for _label, text in self.findings()]
        if self.conclusion:
            parts.append(str(self.get_conclusion_display()))
        parts += [self.reasons, self.measures]
        return "\n\n".join(p.strip() for p in parts if p and p.strip())

    def survey_open_on(self, today: dt.date) -> bool:
        if self.survey_opens_on is None or self.survey_closes_on is None:
            return False
        return self.survey_opens_on <= today <= self.survey_closes_on

    def survey_is_open(self) -> bool:
        return self.survey_open_on(timezone.localdate())

    # --- Public routes (evaluation.views) -----------------------------------------------------

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # local import: evaluation.views imports this module
        from gongkai.evaluation import views

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context.update(views.page_context(self))
        return context

    @path("survey/")
    def survey_route(self, request: HttpRequest) -> HttpResponse:
        # local import: evaluation.views imports this module
        from gongkai.evaluation import views

        return views.survey_view(request, self)

    @path("survey/thanks/")
    def survey_thanks_route(self, request: HttpRequest) -> HttpResponse:
        # local import: evaluation.views imports this module
        from gongkai.evaluation import views

        return views.survey_thanks_view(request, self)


class SurveyQuestion(Orderable, QuestionBase):
    """A question of the evaluation's survey, edited with the page (and so reviewed with it)."""

    page = ParentalKey(PolicyEvaluationPage, on_delete=models.CASCADE, related_name="questions")

    class Meta(Orderable.Meta):
        verbose_name = _("问卷题目")
        verbose_name_plural = _("问卷题目")


class SurveyResponse(QuestionnaireResponseBase):
    evaluation = models.ForeignKey(
        PolicyEvaluationPage, on_delete=models.CASCADE, related_name="responses"
    )
    # The form's one-time token: a resubmitted form (double click, retry) stores one sheet.
    token = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("评价问卷答卷")
        verbose_name_plural = _("评价问卷答卷")

    def __str__(self) -> str:
        return f"{self.evaluation_id}-{self.pk}"


class RecordKind(models.TextChoices):
    INTERVIEW = "interview", _("访谈")
    SYMPOSIUM = "symposium", _("座谈会")
    FIELD = "field", _("实地调研")


class EvaluationRecord(models.Model):
    """An interview, 座谈会 or field visit of the evaluation, recorded by the unit's staff. The
    public page shows a record once a publication after it has been through review."""

    evaluation = models.ForeignKey(
        PolicyEvaluationPage, on_delete=models.CASCADE, related_name="records"
    )
    kind = models.CharField(_("形式"), max_length=10, choices=RecordKind.choices)
    held_on = models.DateField(_("日期"))
    participants = models.TextField(_("参加人员"), blank=True)
    summary = models.TextField(_("情况摘要"))
    key_points = models.TextField(_("主要观点"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("访谈座谈记录")
        verbose_name_plural = _("访谈座谈记录")
        ordering: ClassVar[list[str]] = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


class ActionReport(models.Model):
    """落实情况: what the acting unit did on the conclusion, recorded by its staff."""

    evaluation = models.ForeignKey(
        PolicyEvaluationPage, on_delete=models.CASCADE, related_name="action_reports"
    )
    unit = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("落实单位"),
    )
    text = models.TextField(_("落实情况"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("评价结论落实情况")
        verbose_name_plural = _("评价结论落实情况")
        ordering: ClassVar[list[str]] = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.recorded_at:%Y-%m-%d}"
