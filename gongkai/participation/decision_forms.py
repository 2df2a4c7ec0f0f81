"""Staff forms of major administrative decisions (重大行政决策, 国务院令第713号).

Plain forms: the views hand their cleaned data to participation.services (catalogue_save,
decision_save, procedure_record, decision_decide), which decide permission and write.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument

from gongkai.organisations.models import Organisation
from gongkai.participation.models import MajorDecision, ProcedureKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CatalogueForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2019, max_value=2100)
    note = forms.CharField(
        label=_("说明"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("决策事项目录经同级党委同意后向社会公布（条例第三条第三款）。"),
    )


class CatalogueAddForm(CatalogueForm):
    government = forms.ModelChoiceField(
        label=_("决策机关"), queryset=Organisation.objects.none(), empty_label=None
    )
    field_order = ("government", "year", "note")

    def __init__(self, *args: Any, governments: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            "forms.ModelChoiceField[Organisation]", self.fields["government"]
        ).queryset = governments.order_by("path")


class DecisionForm(forms.Form):
    order = forms.IntegerField(label=_("序号"), min_value=0, max_value=32767, initial=0)
    title = forms.CharField(
        label=_("决策事项"), max_length=MajorDecision._meta.get_field("title").max_length
    )
    lead_unit = forms.ModelChoiceField(
        label=_("决策承办单位"), queryset=Organisation.objects.none(), empty_label=None
    )
    summary = forms.CharField(
        label=_("事项概述"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    planned_time = forms.CharField(
        label=_("计划完成时间"),
        required=False,
        max_length=MajorDecision._meta.get_field("planned_time").max_length,
        help_text=_("如：2026年第三季度。"),
    )
    participation_waiver_reason = forms.CharField(
        label=_("未开展公众参与的理由"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "决策事项涉及社会公众切身利益的，应当采取便于社会公众参与的方式充分听取意见；"
            "依法不予公开的除外（条例第十四条）。不开展公众参与的，须写明理由，理由随决策程序记录公布。"
        ),
    )

    def __init__(self, *args: Any, lead_units: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            "forms.ModelChoiceField[Organisation]", self.fields["lead_unit"]
        ).queryset = lead_units.order_by("path")


class ProcedureForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("程序"),
        choices=ProcedureKind.choices,
        help_text=_(
            "决策草案未经合法性审查的，不得提交决策机关讨论（条例第二十四条）；"
            "集体讨论决定须在合法性审查之后记录。"
        ),
    )
    held_on = forms.DateField(label=_("日期"), widget=DateInput())
    summary = forms.CharField(
        label=_("情况说明"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    link = forms.URLField(label=_("相关链接"), required=False, max_length=200)
    document = forms.ModelChoiceField(
        label=_("相关文件"),
        required=False,
        queryset=get_document_model().objects.none(),
        help_text=_("从决策机关或承办单位的文档库中选择；文件在文档库中公开发布后，公众方可下载。"),
    )

    def __init__(self, *args: Any, documents: QuerySet[AbstractDocument], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            "forms.ModelChoiceField[AbstractDocument]", self.fields["document"]
        ).queryset = documents.order_by("-created_at", "-pk")


class DecideForm(forms.Form):
    decided_on = forms.DateField(label=_("决策日期"), widget=DateInput())
    outcome = forms.CharField(
        label=_("决策结果"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
