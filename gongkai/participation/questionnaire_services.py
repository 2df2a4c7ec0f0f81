"""Questionnaires (调查问卷): the rules of the public's answers, shared by every owner of a
questionnaire (a consultation's here, a policy evaluation's survey in gongkai.evaluation), and
the write of a consultation's answer sheet. The shared functions take the owner's questions
(concrete models of ``QuestionBase``); each owner stores its sheets in its own model through its
own service (``answers_for_storage`` gives what to store).

A question may be conditional (``Question.show_if_number`` / ``show_if_answer``): it is asked
only when the earlier question with that number was answered so. The rule is applied here, on
the server, whatever the browser sent: an answer to a question whose condition is not met is
dropped, and such a question is never required. The public form hides these questions with CSS
alone (no JavaScript); a browser without ``:has()`` shows them all, with the condition written
beside each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.participation.models import (
    ConsultationPage,
    QuestionBase,
    QuestionKind,
    QuestionnaireResponse,
)

MAX_TEXT_ANSWER = 2_000

Answer = str | list[str]


@dataclass(frozen=True)
class NumberedQuestion:
    """A question with its 1-based number in the questionnaire (what conditions refer to)."""

    number: int
    question: QuestionBase

    @property
    def field_name(self) -> str:
        return f"q{self.number}"


def numbered_questions(questions: Iterable[QuestionBase]) -> list[NumberedQuestion]:
    """The questions, in the order given, with their numbers."""
    return [NumberedQuestion(i, q) for i, q in enumerate(questions, start=1)]


def numbered(consultation: ConsultationPage) -> list[NumberedQuestion]:
    return numbered_questions(consultation.questions.order_by("sort_order", "pk"))


def _matches(answer: Answer | None, expected: str) -> bool:
    if answer is None:
        return False
    if isinstance(answer, list):
        return expected in answer
    return answer == expected


def shown(questions: list[NumberedQuestion], answers: dict[int, Answer]) -> set[int]:
    """Numbers of the questions asked, given the answers (by question number): a conditional
    question is asked when the question it depends on was asked and answered as stated. A
    condition naming a later or missing question is never met."""
    asked: set[int] = set()
    for item in questions:
        q = item.question
        if q.show_if_number is None:
            asked.add(item.number)
            continue
        dep = q.show_if_number
        if dep < item.number and dep in asked and _matches(answers.get(dep), q.show_if_answer):
            asked.add(item.number)
    return asked


def clean_answers(
    questions: list[NumberedQuestion], raw: dict[int, Answer]
) -> tuple[dict[int, Answer], dict[int, str]]:
    """The answers kept (questions asked, values allowed) and the errors by question number,
    in Chinese."""
    kept: dict[int, Answer] = {}
    errors: dict[int, str] = {}
    # Values first (an invalid choice does not count as the answer a condition looks for).
    valid: dict[int, Answer] = {}
    for item in questions:
        value = raw.get(item.number)
        if value in (None, "", []):
            continue
        q = item.question
        if q.kind == QuestionKind.TEXT:
            text = (value if isinstance(value, str) else " ".join(value)).strip()
            if len(text) > MAX_TEXT_ANSWER:
                errors[item.number] = _("回答不能超过%(n)s字。") % {"n": MAX_TEXT_ANSWER}
            elif text:
                valid[item.number] = text
            continue
        options = q.option_list()
        values = value if isinstance(value, list) else [value]
        if q.kind != QuestionKind.MULTIPLE and len(values) > 1:
            errors[item.number] = _("此题只能选择一项。")
            continue
        if any(v not in options for v in values):
            errors[item.number] = _("请从列出的选项中选择。")
            continue
        valid[item.number] = (
            sorted(set(values), key=options.index)
            if (q.kind == QuestionKind.MULTIPLE)
            else values[0]
        )
    asked = shown(questions, valid)
    for item in questions:
        if item.number not in asked:
            errors.pop(item.number, None)  # not asked: whatever was sent is ignored
            continue
        if item.number in valid:
            kept[item.number] = valid[item.number]
        elif item.question.required and item.number not in errors:
            errors[item.number] = (
                _("请回答此题。")
                if item.question.kind == QuestionKind.TEXT
                else _("请选择此题的答案。")
            )
    return kept, errors


def answers_for_storage(
    questions: list[NumberedQuestion], answers: dict[int, Answer]
) -> dict[str, Answer]:
    """The answers as an answer sheet stores them (by question id), checked and filtered by the
    questionnaire's conditions (``clean_answers``); ValidationError by question field when an
    answer is refused, or when nothing is answered."""
    if not questions:
        raise ValidationError(_("没有调查问卷。"), code="empty")
    kept, errors = clean_answers(questions, answers)
    if errors:
        raise ValidationError({f"q{number}": message for number, message in sorted(errors.items())})
    if not kept:
        raise ValidationError(_("请至少回答一道题。"), code="empty")
    by_number = {item.number: item.question for item in questions}
    return {str(by_number[n].pk): value for n, value in kept.items()}


@transaction.atomic
def response_submit(
    *,
    consultation: ConsultationPage,
    answers: dict[int, Answer],
    key: str,
    today: dt.date | None = None,
) -> QuestionnaireResponse:
    """Store one questionnaire answer sheet from the public (no account needed). Accepted only
    while the consultation is live and open; answers are checked and filtered by the
    questionnaire's conditions (see ``clean_answers``). Stored by question id."""
    if not consultation.live:
        raise ValidationError(_("该意见征集尚未发布。"), code="closed")
    today = today or timezone.localdate()
    if not (consultation.opens_on <= today <= consultation.closes_on):
        raise ValidationError(_("该意见征集不在征求意见期内，不能提交问卷。"), code="closed")
    questions = numbered(consultation)
    if not questions:
        raise ValidationError(_("本次意见征集没有调查问卷。"), code="empty")
    return QuestionnaireResponse.objects.create(
        consultation=consultation,
        answers=answers_for_storage(questions, answers),
        submitter_key=key,
    )


# --- Results (read only) ---------------------------------------------------------------------------


@dataclass
class OptionCount:
    value: str
    count: int
    percent: int  # of the sheets that answered the question


@dataclass
class QuestionResult:
    number: int
    kind: str
    text: str
    answered: int  # sheets that answered this question
    options: list[OptionCount] = field(default_factory=list)
    average: float | None = None  # scale questions
    texts: list[str] = field(default_factory=list)  # text answers, as stored


def results(
    questions: list[NumberedQuestion], sheets: Iterable[dict[str, Answer]]
) -> list[QuestionResult]:
    """Counts per option, the average of scale questions and the text answers, from stored
    answer sheets (``{str(question id): answer}``). Answers to values no longer offered are not
    counted. The caller masks the texts before showing them to anyone but the owner's unit."""
    out = [
        QuestionResult(
            number=item.number, kind=item.question.kind, text=item.question.text, answered=0
        )
        for item in questions
    ]
    counts: list[dict[str, int]] = [
        dict.fromkeys(item.question.option_list(), 0) for item in questions
    ]
    ids = [str(item.question.pk) for item in questions]
    for sheet in sheets:
        for i, qid in enumerate(ids):
            value = sheet.get(qid)
            if value in (None, "", []):
                continue
            out[i].answered += 1
            if out[i].kind == QuestionKind.TEXT:
                out[i].texts.append(value if isinstance(value, str) else " ".join(value))
                continue
            for v in value if isinstance(value, list) else [value]:
                if v in counts[i]:
                    counts[i][v] += 1
    for i, result in enumerate(out):
        if result.kind == QuestionKind.TEXT:
            continue
        result.options = [
            OptionCount(v, n, round(100 * n / result.answered) if result.answered else 0)
            for v, n in counts[i].items()
        ]
        if result.kind == QuestionKind.SCALE:
            total = sum(n for n in counts[i].values())
            weighted = sum(int(v) * n for v, n in counts[i].items())
            result.average = round(weighted / total, 2) if total else None
    return out
