"""Public forms of 意见征集: the list filters, the comment form and the questionnaire.

No JavaScript: the comment form's clause is chosen from a list (or preset by the link
"对本条提意见"); a quoted passage is pasted from the clause and checked by the service. The
questionnaire's conditional questions are hidden with CSS ``:has()`` and the server applies
the same conditions (questionnaire_services.clean_answers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from gongkai.participation import questionnaire_services
from gongkai.participation.models import (
    Clause,
    ConsultationKind,
    ConsultationStatus,
    QuestionKind,
)
from gongkai.participation.services import MAX_COMMENT_CHARS

# The one-time token the comment form carries (views: secrets.token_urlsafe(24)).
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")
WHOLE_DRAFT = ""


class ListFilterForm(forms.Form):
    """The /yjzj/ filters; a value outside the lists is refused (400), never a server error."""

    status = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部")), *ConsultationStatus.choices],
        error_messages={"invalid_choice": _("没有这种征集状态。")},
    )
    unit = forms.ChoiceField(
        label=_("发布单位"),
        required=False,
        choices=[],
        error_messages={"invalid_choice": _("没有这个单位的意见征集。")},
    )
    kind = forms.ChoiceField(
        label=_("草案类别"),
        required=False,
        choices=[("", _("全部")), *ConsultationKind.choices],
        error_messages={"invalid_choice": _("没有这种草案类别。")},
    )

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("全部单位")), *units]  # type: ignore[attr-defined]


def clause_label(clause: Clause) -> str:
    text = " ".join(clause.text.split())
    short = text[:24] + ("…" if len(text) > 24 else "")
    return f"{clause.number}　{short}"


class CommentForm(forms.Form):
    clause = forms.ChoiceField(
        label=_("意见针对的条款"),
        required=False,
        error_messages={"invalid_choice": _("请从列出的条款中选择。")},
    )
    passage = forms.CharField(
        label=_("所引条文（可不填）"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("所引条文不能超过500字。")},
    )
    text = forms.CharField(
        label=_("意见内容"),
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("请填写意见内容。"),
            "max_length": _("意见内容不能超过%(limit_value)d字。"),
        },
    )
    name = forms.CharField(
        label=_("姓名或单位名称（可不填）"),
        required=False,
        max_length=60,
        error_messages={"max_length": _("姓名或单位名称不能超过60字。")},
    )
    contact = forms.CharField(
        label=_("联系方式（可不填）"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("联系方式不能超过100字。")},
    )
    consent_publish = forms.BooleanField(
        label=_("同意在本网站公开我的意见内容（姓名和联系方式不公开）"), required=False
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, clauses: list[Clause], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clauses = {str(c.pk): c for c in clauses}
        self.fields["clause"].choices = [  # type: ignore[attr-defined]
            (WHOLE_DRAFT, _("对草案整体提意见")),
            *((str(c.pk), clause_label(c)) for c in clauses),
        ]
        for name in ("passage", "text", "name", "contact"):
            self.fields[name].widget.attrs.setdefault("autocomplete", "off")
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_token(self) -> str:
        token = self.cleaned_data.get("token") or ""
        return token if TOKEN.match(token) else ""

    def chosen_clause(self) -> Clause | None:
        return self.clauses.get(self.cleaned_data.get("clause") or "")


# --- The questionnaire ------------------------------------------------------------------------


@dataclass
class Option:
    value: str
    id: str
    checked: bool
    reveals: list[int] = field(default_factory=list)  # questions asked when this is chosen


@dataclass
class QuestionItem:
    """One question as the template draws it."""

    number: int
    kind: str
    text: str
    required: bool
    name: str
    condition: tuple[int, str] | None
    options: list[Option]
    value: str  # text questions
    error: str

    @property
    def anchor(self) -> str:
        return self.options[0].id if self.options else f"id_{self.name}"

    @property
    def grouped(self) -> bool:
        return self.kind != QuestionKind.TEXT


class QuestionnaireForm:
    """The questionnaire, read from the POST data by question number (``q1``, ``q2``…). Not a
    Django form: the fields and their rules follow from the questions, checked together by
    questionnaire_services.clean_answers."""

    def __init__(
        self,
        questions: list[questionnaire_services.NumberedQuestion],
        data: QueryDict | None = None,
    ) -> None:
        self.questions = questions
        self.data = data
        self.errors: dict[int, str] = {}
        self.answers: dict[int, questionnaire_services.Answer] = {}

    def raw(self) -> dict[int, questionnaire_services.Answer]:
        raw: dict[int, questionnaire_services.Answer] = {}
        if self.data is None:
            return raw
        for item in self.questions:
            name = item.field_name
            if item.question.kind == QuestionKind.MULTIPLE:
                values = [v for v in self.data.getlist(name)[:50] if v]
                if values:
                    raw[item.number] = values
            else:
                values = self.data.getlist(name)[:2]
                if len(values) > 1:
                    raw[item.number] = values
                elif values and values[0]:
                    raw[item.number] = values[0]
        return raw

    def is_valid(self) -> bool:
        if self.data is None:
            return False
        self.answers, self.errors = questionnaire_services.clean_answers(self.questions, self.raw())
        return not self.errors

    def items(self) -> list[QuestionItem]:
        raw = self.raw()
        reveals: dict[tuple[int, str], list[int]] = {}
        for item in self.questions:
            q = item.question
            if q.show_if_number is not None and q.show_if_number < item.number:
                reveals.setdefault((q.show_if_number, q.show_if_answer), []).append(item.number)
        out = []
        for item in self.questions:
            q = item.question
            given = raw.get(item.number)
            chosen = given if isinstance(given, list) else [given] if given else []
            options = [
                Option(
                    value=value,
                    id=f"id_{item.field_name}_{i}",
                    checked=value in chosen,
                    reveals=reveals.get((item.number, value), []),
                )
                for i, value in enumerate(q.option_list())
            ]
            condition = (
                (q.show_if_number, q.show_if_answer) if q.show_if_number is not None else None
            )
            out.append(
                QuestionItem(
                    number=item.number,
                    kind=q.kind,
                    text=q.text,
                    required=q.required,
                    name=item.field_name,
                    condition=condition,
                    options=options if q.kind != QuestionKind.TEXT else [],
                    value=given if isinstance(given, str) else "",
                    error=self.errors.get(item.number, ""),
                )
            )
        return out
