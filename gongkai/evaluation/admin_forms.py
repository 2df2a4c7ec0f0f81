"""Forms of the staff screens of policy evaluation (plain forms: every write goes through
evaluation.services)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.evaluation.models import Conclusion, RecordKind
from gongkai.library.models import PolicyDocumentPage
from gongkai.organisations.models import Organisation
from gongkai.participation.models import QuestionKind

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})  # the ISO value type=date needs


def policies_of(units: QuerySet[Organisation]) -> QuerySet[PolicyDocumentPage]:
    """Live policies the units issued or published: what they may evaluate."""
    qs = PolicyDocumentPage.objects.live().filter(
        Q(organisation__in=units) | Q(issuers__organisation__in=units)
    )
    return cast(
        "QuerySet[PolicyDocumentPage]", qs.distinct().order_by("-first_published_at", "-pk")
    )


class EvaluationCreateForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("评价单位"))
    policy = forms.ModelChoiceField(
        queryset=PolicyDocumentPage.objects.none(), label=_("评价的政策文件")
    )
    title = forms.CharField(
        label=_("标题"),
        max_length=255,
        required=False,
        help_text=_("留空则为《政策名称》政策落实情况评价。"),
    )
    acting_unit = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("path"),
        label=_("落实评价结论的单位"),
        required=False,
        help_text=_("留空则为政策文件的发文机关。"),
    )
    period_start = forms.DateField(label=_("评价期间起"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("评价期间止"), required=False, widget=DATE)
    method = forms.CharField(
        label=_("评价方式"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：问卷调查、座谈会、实地调研、第三方评估。"),
    )
    survey_opens_on = forms.DateField(label=_("问卷开始日期"), required=False, widget=DATE)
    survey_closes_on = forms.DateField(label=_("问卷截止日期"), required=False, widget=DATE)

    def __init__(self, *args: Any, units: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast("forms.ModelChoiceField[Organisation]", self.fields["unit"])
        policy_field = cast("forms.ModelChoiceField[PolicyDocumentPage]", self.fields["policy"])
        unit_field.queryset = units.order_by("path")
        policy_field.queryset = policies_of(units)
        if units.count() == 1:
            unit_field.initial = units.first()


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("题型"), choices=[("", "（不设此题）"), *QuestionKind.choices], required=False
    )
    text = forms.CharField(label=_("题目"), max_length=300, required=False)
    options = forms.CharField(
        label=_("选项（每行一个）"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    required = forms.BooleanField(label=_("必答"), required=False)
    show_if_number = forms.IntegerField(
        label=_("前置题号"), required=False, min_value=1, max_value=30
    )
    show_if_answer = forms.CharField(label=_("前置题目的答案为"), max_length=100, required=False)


QuestionFormSet = forms.formset_factory(QuestionForm, extra=0, max_num=30, absolute_max=30)


class SurveyDatesForm(forms.Form):
    opens_on = forms.DateField(label=_("问卷开始日期"), required=False, widget=DATE)
    closes_on = forms.DateField(label=_("问卷截止日期"), required=False, widget=DATE)


class RecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("形式"), choices=RecordKind.choices)
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    participants = forms.CharField(
        label=_("参加人员"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    summary = forms.CharField(
        label=_("情况摘要"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )
    key_points = forms.CharField(
        label=_("主要观点"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _text(label: StrOrPromise, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FindingsForm(forms.Form):
    standards = _text(_("执行规范"))
    scope = _text(_("覆盖范围"))
    effect = _text(_("实施效果"))
    problems = _text(_("存在问题"))
    conclusion = forms.ChoiceField(
        label=_("评价结论"), choices=[("", "（尚未作出结论）"), *Conclusion.choices], required=False
    )
    reasons = _text(_("结论理由"))
    measures = _text(_("后续措施"))


class ActionForm(forms.Form):
    text = forms.CharField(
        label=_("落实情况"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )
