"""Staff-side services of the mailbox: routing, transfer, invalidation, the answer through the
unit's real review workflow, the FAQ, settings, reminders and escalation."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from gongkai.mailbox import services
from gongkai.mailbox.models import (
    Channel,
    ChannelSetting,
    Letter,
    LetterReplyPage,
    LetterStatus,
    Transfer,
)
from gongkai.mailbox.tests.factories import make_letter
from gongkai.testing import make_user, take_step
from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.deadlines import add_workdays

pytestmark = pytest.mark.django_db


def _fresh(letter: Letter) -> Letter:
    return Letter.objects.get(pk=letter.pk)


# --- Routing ------------------------------------------------------------------------------------


def test_the_city_office_assigns_a_letter_of_the_queue(city: Any) -> None:
    letter = make_letter(None)
    with pytest.raises(PermissionDenied):
        services.letter_assign(actor=city.users.officer_a, letter=letter, unit=city.a)
    services.letter_assign(actor=city.users.city_office, letter=letter, unit=city.a)
    letter = _fresh(letter)
    assert letter.organisation == city.a
    assert letter.status == LetterStatus.ASSIGNED
    with pytest.raises(PermissionDenied):  # no longer in the queue
        services.letter_assign(actor=city.users.city_office, letter=letter, unit=city.b)


def test_transfer_needs_a_reason_and_moves_the_letter(city: Any) -> None:
    letter = make_letter(city.a)
    with pytest.raises(ValidationError):
        services.letter_transfer(
            actor=city.users.officer_a, letter=letter, to_unit=city.b, reason="  "
        )
    assert not Transfer.objects.filter(letter=letter).exists()
    services.letter_transfer(
        actor=city.users.officer_a, letter=letter, to_unit=city.b, reason="属财政局职责"
    )
    letter = _fresh(letter)
    assert letter.organisation == city.b
    transfer = Transfer.objects.get(letter=letter)
    assert (transfer.from_unit, transfer.to_unit, transfer.reason) == (
        city.a,
        city.b,
        "属财政局职责",
    )
    # The old unit no longer acts on it; the new one does.
    with pytest.raises(PermissionDenied):
        services.letter_invalidate(actor=city.users.officer_a, letter=letter, reason="重复")
    services.letter_handler_set(actor=city.users.head_b, letter=letter, handler=city.users.head_b)


def test_invalidate_keeps_the_reason(city: Any) -> None:
    letter = make_letter(city.a)
    with pytest.raises(PermissionDenied):
        services.letter_invalidate(actor=city.users.editor_a, letter=letter, reason="重复来信")
    services.letter_invalidate(actor=city.users.officer_a, letter=letter, reason="重复来信")
    letter = _fresh(letter)
    assert letter.status == LetterStatus.INVALID
    assert letter.invalid_reason == "重复来信"
    assert not letter.is_valid


def test_handler_must_be_a_colleague_who_handles_letters(city: Any) -> None:
    letter = make_letter(city.a)
    with pytest.raises(ValidationError):
        services.letter_handler_set(
            actor=city.users.officer_a, letter=letter, handler=city.users.head_b
        )
    with pytest.raises(ValidationError):  # a colleague without a handling role
        services.letter_handler_set(
            actor=city.users.officer_a, letter=letter, handler=city.users.editor_a
        )
    services.letter_handler_set(
        actor=city.users.officer_a, letter=letter, handler=city.users.officer_a
    )
    assert _fresh(letter).handler == city.users.officer_a


# --- The answer through review ------------------------------------------------------------------------


def _approve(page: LetterReplyPage, city: Any) -> None:
    take_step(page, city.users.reviewer_a, "approve", "无涉密、无个人信息")
    take_step(page, city.users.head_a, "approve", "同意发布")


def test_answer_goes_through_review_and_publication_answers_the_letter(
    client: Client, city: Any
) -> None:
    letter = make_letter(
        city.a,
        subject="张小明关于学区的咨询",
        body="我是张小明，身份证号360102199001011234，电话13907911234，想了解学区划分。",
    )
    page = services.answer_draft(
        actor=city.users.officer_a,
        letter=letter,
        answer_text="您好：学区划分方案已于3月公布。\n详见教育局网站。",
        publish=True,
    )
    letter = _fresh(letter)
    assert letter.status == LetterStatus.IN_REVIEW
    assert not page.live
    assert "13907911234" not in page.question and "360102199001011234" not in page.question
    assert "张小明" not in page.question and "张小明" not in page.title
    assert client.get(page.url or f"/{page.url_path}").status_code == 404  # not live
    _approve(page, city)
    page = Page.objects.get(pk=page.pk).specific
    assert page.live
    letter = _fresh(letter)
    assert letter.status == LetterStatus.ANSWERED
    assert letter.answered_on is not None and letter.answered_at is not None
    assert letter.answer == "您好：学区划分方案已于3月公布。\n详见教育局网站。"
    assert "13907911234" not in letter.public_body and "张小明" not in letter.public_body
    assert "张小明" not in letter.public_subject
    assert letter.publish and letter.is_public
    response = client.get(page.get_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "学区划分方案已于3月公布" in html and "13907911234" not in html


def test_without_consent_the_letter_is_answered_but_not_public(client: Client, city: Any) -> None:
    letter = make_letter(city.a, consent_publish=False)
    page = services.answer_draft(
        actor=city.users.officer_a, letter=letter, answer_text="已答复。", publish=True
    )
    _approve(page, city)
    letter = _fresh(letter)
    assert letter.status == LetterStatus.ANSWERED
    assert not letter.publish and not letter.is_public
    page = Page.objects.get(pk=page.pk).specific
    assert client.get(page.get_url()).status_code == 404


def test_a_returned_answer_goes_back_to_assigned_and_can_be_resubmitted(city: Any) -> None:
    letter = make_letter(city.a)
    page = services.answer_draft(
        actor=city.users.officer_a, letter=letter, answer_text="初稿答复。", publish=False
    )
    take_step(page, city.users.reviewer_a, "reject", "答复不够具体")
    assert _fresh(letter).status == LetterStatus.ASSIGNED
    with pytest.raises(PermissionDenied):  # another unit
        services.answer_draft(
            actor=city.users.head_b, letter=letter, answer_text="x", publish=False
        )
    page = services.answer_draft(
        actor=city.users.officer_a, letter=letter, answer_text="修改后的答复。", publish=False
    )
    assert _fresh(letter).status == LetterStatus.IN_REVIEW
    _approve(page, city)
    letter = _fresh(letter)
    assert letter.status == LetterStatus.ANSWERED
    assert letter.answer == "修改后的答复。"
    assert not letter.is_public


def test_empty_answers_and_answers_in_review_are_refused(city: Any) -> None:
    letter = make_letter(city.a)
    with pytest.raises(ValidationError):
        services.answer_draft(
            actor=city.users.officer_a, letter=letter, answer_text=" ", publish=False
        )
    services.answer_draft(
        actor=city.users.officer_a, letter=letter, answer_text="答复。", publish=False
    )
    with pytest.raises(PermissionDenied):  # in review: not assigned any more
        services.answer_draft(
            actor=city.users.officer_a, letter=_fresh(letter), answer_text="again", publish=False
        )


def test_transfer_withdraws_a_returned_draft(city: Any) -> None:
    letter = make_letter(city.a)
    page = services.answer_draft(
        actor=city.users.officer_a, letter=letter, answer_text="初稿。", publish=False
    )
    take_step(page, city.users.reviewer_a, "reject", "不属本局职责")
    services.letter_transfer(
        actor=city.users.officer_a, letter=_fresh(letter), to_unit=city.b, reason="属财政局职责"
    )
    assert not LetterReplyPage.objects.filter(letter=letter).exists()
    assert _fresh(letter).organisation == city.b


# --- FAQ ---------------------------------------------------------------------------------------------


def test_faq_from_an_answered_letter(city: Any) -> None:
    letter = make_letter(city.a)
    with pytest.raises(ValidationError):
        services.faq_from_letter(letter=letter)
    page = services.answer_draft(
        actor=city.users.officer_a, letter=letter, answer_text="按学区方案入学。", publish=True
    )
    _approve(page, city)
    letter = _fresh(letter)
    draft = services.faq_from_letter(letter=letter)
    assert draft.answer == "按学区方案入学。"
    with pytest.raises(PermissionDenied):
        services.faq_save(
            actor=city.users.head_b, unit=city.a, question="q", answer="a", source=letter
        )
    entry = services.faq_save(
        actor=city.users.officer_a,
        unit=city.a,
        question="如何确定学区？",
        answer=draft.answer,
        source=letter,
    )
    assert _fresh(letter).in_faq
    services.faq_delete(actor=city.users.officer_a, entry=entry)
    assert not _fresh(letter).in_faq


# --- Settings ------------------------------------------------------------------------------------------


def test_channel_settings_are_the_city_offices_and_bounded(city: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.channel_setting_save(
            actor=city.users.head_a,
            channel=Channel.CONSULT,
            response_workdays=7,
            remind_workdays_before=2,
        )
    for bad in (0, 61):
        with pytest.raises(ValidationError):
            services.channel_setting_save(
                actor=city.users.city_office,
                channel=Channel.CONSULT,
                response_workdays=bad,
                remind_workdays_before=0,
            )
    services.channel_setting_save(
        actor=city.users.city_office,
        channel=Channel.CONSULT,
        response_workdays=7,
        remind_workdays_before=2,
    )
    assert ChannelSetting.objects.get(channel=Channel.CONSULT).response_workdays == 7


def test_categories_through_services(city: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.category_save(actor=city.users.head_a, name="教育", default_unit=city.a)
    category = services.category_save(
        actor=city.users.city_office, name="教育", default_unit=city.a
    )
    with pytest.raises(ValidationError):
        services.category_save(actor=city.users.city_office, name="教育", default_unit=None)
    services.category_delete(actor=city.users.city_office, category=category)


# --- Reminders and escalation ----------------------------------------------------------------------


def test_reminders_are_sent_once_and_overdue_letters_escalated_once(city: Any) -> None:
    city.users.officer_a.email = "officer_a@example.gov.cn"
    city.users.officer_a.save()
    city.users.city_office.email = "office@example.gov.cn"
    city.users.city_office.save()
    today = dt.date(2026, 6, 10)  # a Wednesday
    soon = make_letter(
        city.a, received_on=dt.date(2026, 6, 1), due_on=add_workdays(DatabaseCalendar(), today, 1)
    )
    overdue = make_letter(city.a, received_on=dt.date(2026, 5, 1), due_on=dt.date(2026, 6, 1))
    later = make_letter(city.a, received_on=today, due_on=dt.date(2026, 7, 30))
    answered = make_letter(
        city.a,
        received_on=dt.date(2026, 5, 1),
        due_on=dt.date(2026, 6, 1),
        status=LetterStatus.ANSWERED,
    )
    first = services.letters_remind(today=today)
    assert (first.due_soon, first.escalated) == (1, 1)
    assert _fresh(soon).reminded_on == today
    assert _fresh(overdue).escalated_at is not None
    assert _fresh(later).reminded_on is None and _fresh(answered).escalated_at is None
    sent = {(tuple(m.to), m.subject[:6]) for m in mail.outbox}
    assert (("officer_a@example.gov.cn",), "【来信办理】") in sent
    escalation = next(m for m in mail.outbox if "督办" in m.subject)
    assert "office@example.gov.cn" in escalation.to
    count = len(mail.outbox)
    again = services.letters_remind(today=today)
    assert (again.due_soon, again.escalated) == (0, 0)
    assert len(mail.outbox) == count
    out = io.StringIO()
    call_command("mailbox_remind", "--today", today.isoformat(), stdout=out)
    assert "到期提醒 0 件，逾期督办 0 件。" in out.getvalue()


def test_an_unrouted_overdue_letter_goes_to_the_city_office(city: Any) -> None:
    make_user("city_office_2", roles=[(city.gov, "overseer")], email="o2@example.gov.cn")
    letter = make_letter(None, received_on=dt.date(2026, 5, 1), due_on=dt.date(2026, 5, 10))
    stats = services.letters_remind(today=dt.date(2026, 6, 10))
    assert stats.escalated == 1
    assert _fresh(letter).escalated_at is not None
    assert any("o2@example.gov.cn" in m.to for m in mail.outbox)
