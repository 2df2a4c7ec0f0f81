"""Helpers of the public-side mailbox tests: a letter submitted through the service, and a
letter answered and published the way the staff side does it (a live LetterReplyPage under the
unit's 来信选登 column), built directly here so that these tests do not depend on it."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from gongkai.checker.engine import redact
from gongkai.library.models import ColumnType
from gongkai.library.publication import system_publication
from gongkai.library.services import column_ensure
from gongkai.mailbox import intake_services
from gongkai.mailbox.models import Letter, LetterReplyPage, LetterStatus

_slugs = itertools.count(1)


def submit(**overrides: Any) -> tuple[Letter, str | None]:
    fields: dict[str, Any] = {
        "channel": "consult",
        "unit": None,
        "category": None,
        "subject": "孩子入学咨询",
        "body": "请问今年小学入学报名需要哪些材料？",
        "name": "张三",
        "phone": "13812345678",
        "email": "",
        "address": "",
        "consent_publish": True,
        "attachments": [],
        "token": "",
        "submitter_key": "k",
    }
    fields.update(overrides)
    return intake_services.letter_submit(**fields)


def answer(letter: Letter, text: str = "请携带户口簿和房产证明到学校报名。") -> Letter:
    """The letter answered (status, answer, dates), as the staff side's publication does."""
    now = timezone.now()
    Letter.objects.filter(pk=letter.pk).update(
        status=LetterStatus.ANSWERED,
        answer=text,
        answered_at=now,
        answered_on=timezone.localdate(now),
    )
    return Letter.objects.get(pk=letter.pk)


def publish(letter: Letter, *, publish: bool = True) -> LetterReplyPage:
    """Answer the letter and put its reply page live in the unit's 来信选登 column."""
    letter = answer(letter)
    assert letter.organisation is not None
    column = column_ensure(letter.organisation.home_page.specific, ColumnType.LETTERS)
    Letter.objects.filter(pk=letter.pk).update(
        publish=publish,
        public_subject=redact(letter.subject),
        public_body=redact(letter.body),
    )
    now = timezone.now()
    page = LetterReplyPage(
        title=redact(letter.subject),
        slug=f"letter-{next(_slugs)}-{letter.pk}",
        letter=Letter.objects.get(pk=letter.pk),
        question=redact(letter.body),
        body=f"<p>{letter.answer}</p>",
        live=True,
        first_published_at=now,
        last_published_at=now,
    )
    with system_publication("测试"):
        column.add_child(instance=page)
    return page


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))
