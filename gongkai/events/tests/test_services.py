"""Services of 在线访谈: who may write, the rules of the public's questions, the transcript."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from gongkai.events import services
from gongkai.events.models import EventKind, EventStatus, QuestionStatus

pytestmark = pytest.mark.django_db


def _data(**changes):
    start = timezone.now() + dt.timedelta(days=1)
    values = {
        "kind": EventKind.PRESS_CONFERENCE,
        "title": "新闻发布会",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=1),
    }
    values.update(changes)
    return services.EventData(**values)


def test_only_the_units_staff_create_and_edit(city, event):
    with pytest.raises(PermissionDenied):
        services.event_save(actor=city.users.editor_b, unit=city.a, data=_data())
    with pytest.raises(PermissionDenied):
        services.event_save(actor=city.users.city_office, event=event, data=_data())
    with pytest.raises(PermissionDenied):
        services.event_start(actor=city.users.reviewer_a, event=event)
    saved = services.event_save(actor=city.users.head_a, event=event, data=_data(title="改名"))
    assert saved.title == "改名"
    assert (
        ModelLogEntry.objects.filter(action=services.EVENT_SAVE, object_id=str(event.pk)).count()
        == 2
    )


def test_event_data_is_checked(city):
    with pytest.raises(ValidationError):
        services.event_save(actor=city.users.editor_a, unit=city.a, data=_data(kind="open_week"))
    start = timezone.now()
    with pytest.raises(ValidationError):
        services.event_save(
            actor=city.users.editor_a, unit=city.a, data=_data(starts_at=start, ends_at=start)
        )
    with pytest.raises(ValidationError):
        services.event_save(
            actor=city.users.editor_a, unit=city.a, data=_data(video_url="javascript:alert(1)")
        )


def test_question_masked_and_deduplicated_by_token(event):
    first = services.question_submit(
        event=event, text="我的手机13812345678，资助怎么申请？", key="k", token="t" * 24
    )
    again = services.question_submit(event=event, text="另一次提交", key="k", token="t" * 24)
    assert first.created and not again.created
    assert again.question.pk == first.question.pk
    assert first.question.public_text == "我的手机138****5678，资助怎么申请？"
    assert first.question.status == QuestionStatus.PENDING
    assert event.questions.count() == 1


def test_abusive_question_is_held(event):
    held = services.question_submit(event=event, text="狗官快回答", key="k")
    assert held.question.status == QuestionStatus.HELD
    assert held.question.hold_reason


def test_questions_refused_after_start_or_when_unpublished(city, event):
    with pytest.raises(ValidationError) as error:
        services.question_submit(
            event=event, text="问题", key="k", now=event.starts_at + dt.timedelta(seconds=1)
        )
    assert error.value.code == "closed"
    services.event_publish(actor=city.users.editor_a, event=event, published=False)
    with pytest.raises(ValidationError):
        services.question_submit(event=event, text="问题", key="k")
    services.event_publish(actor=city.users.editor_a, event=event, published=True)
    services.event_start(actor=city.users.editor_a, event=event)
    with pytest.raises(ValidationError):
        services.question_submit(event=event, text="问题", key="k")


def test_moderation(city, event):
    question = services.question_submit(event=event, text="资助标准是多少？", key="k").question
    with pytest.raises(PermissionDenied):
        services.question_moderate(actor=city.users.editor_b, question=question, accept=True)
    with pytest.raises(ValidationError):
        services.question_moderate(actor=city.users.editor_a, question=question, accept=False)
    services.question_moderate(actor=city.users.editor_a, question=question, accept=True)
    question.refresh_from_db()
    assert question.status == QuestionStatus.ACCEPTED
    services.question_moderate(
        actor=city.users.editor_a, question=question, accept=True, answer="每生每年1000元。"
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED


def test_transcript_only_while_live_and_checked(city, event):
    guest = event.guests.get()
    with pytest.raises(ValidationError) as error:
        services.transcript_post(
            actor=city.users.editor_a, event=event, text="大家好", speaker="主持人"
        )
    assert error.value.code == "status"
    services.event_start(actor=city.users.editor_a, event=event)
    with pytest.raises(PermissionDenied):
        services.transcript_post(
            actor=city.users.city_office, event=event, text="大家好", speaker="主持人"
        )
    with pytest.raises(ValidationError) as error:
        services.transcript_post(
            actor=city.users.editor_a, event=event, text="【内部资料】具体数字如下", guest=guest
        )
    assert error.value.code == "checker"
    entry = services.transcript_post(
        actor=city.users.editor_a, event=event, text="各位网有好", guest=guest
    )
    assert entry.speaker == "张明"
    fixed = services.transcript_edit(actor=city.users.editor_a, entry=entry, text="各位网友好")
    assert fixed.text == "各位网友好" and fixed.edited_at is not None
    log = ModelLogEntry.objects.get(action=services.TRANSCRIPT_EDIT)
    assert log.data["before"] == "各位网有好"
    services.event_archive(actor=city.users.editor_a, event=event)
    event.refresh_from_db()
    assert event.status == EventStatus.ENDED
    with pytest.raises(ValidationError):
        services.transcript_post(
            actor=city.users.editor_a, event=event, text="补充", speaker="主持人"
        )


def test_answering_a_question_in_the_transcript(city, event):
    question = services.question_submit(event=event, text="何时发放？", key="k").question
    services.event_start(actor=city.users.editor_a, event=event)
    with pytest.raises(ValidationError):  # not accepted yet
        services.transcript_post(
            actor=city.users.editor_a,
            event=event,
            text="九月发放。",
            speaker="主持人",
            question=question,
        )
    services.question_moderate(actor=city.users.editor_a, question=question, accept=True)
    services.transcript_post(
        actor=city.users.editor_a,
        event=event,
        text="九月发放。",
        speaker="主持人",
        question=question,
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answer == "九月发放。"
