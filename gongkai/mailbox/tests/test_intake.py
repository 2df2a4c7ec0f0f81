"""Submitting a letter (intake_services): one letter per form, gapless numbers per year,
routing, the due date on the working-day calendar, attachments judged by content, finding the
letter with number and code, and the writer's rating."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from wagtail.models import ModelLogEntry

from gongkai.core.querycodes import code_digest
from gongkai.mailbox import intake_services
from gongkai.mailbox.models import Category, ChannelSetting, Letter, LetterAttachment, LetterStatus
from gongkai.mailbox.tests.public_fixtures import answer, at, submit
from gongkai.testing import real_pdf

pytestmark = pytest.mark.django_db


def test_same_token_gives_the_same_letter_and_no_second_row(city: Any) -> None:
    first, code = submit(token="tok-aaaaaaaaaaaaaaaa")
    again, again_code = submit(token="tok-aaaaaaaaaaaaaaaa", subject="另一个标题")
    assert code is not None and again_code is None
    assert again.pk == first.pk and Letter.objects.count() == 1
    assert first.query_code_digest == code_digest(code)
    assert code not in first.query_code_digest


def test_numbers_are_gapless_per_year(city: Any) -> None:
    a, _ = submit(now=at(dt.date(2026, 3, 2)))
    with pytest.raises(ValidationError):
        submit(subject="", now=at(dt.date(2026, 3, 2)))  # refused before numbering
    b, _ = submit(now=at(dt.date(2026, 3, 3)))
    c, _ = submit(now=at(dt.date(2027, 1, 4)))
    assert (a.number, b.number) == ("XJ2026-000001", "XJ2026-000002")
    assert c.number == "XJ2027-000001" and (c.year, c.serial) == (2027, 1)


def test_routing_chosen_unit(city: Any) -> None:
    letter, _ = submit(unit=city.a)
    assert letter.organisation == city.a and letter.status == LetterStatus.ASSIGNED


def test_routing_by_category_default_unit(city: Any) -> None:
    category = Category.objects.create(name="教育", default_unit=city.b)
    letter, _ = submit(category=category)
    assert letter.organisation == city.b and letter.status == LetterStatus.ASSIGNED
    # The writer's own choice wins over the category's unit.
    chosen, _ = submit(category=category, unit=city.a)
    assert chosen.organisation == city.a


def test_routing_left_to_the_disclosure_office(city: Any) -> None:
    category = Category.objects.create(name="其他")
    letter, _ = submit(category=category)
    assert letter.organisation is None and letter.status == LetterStatus.RECEIVED


def test_due_date_skips_the_national_day_holiday(city: Any) -> None:
    # 网上咨询: 5 working days after receipt. 2026-10-01..07 are holidays, 10-10 (Sat) is worked.
    letter, _ = submit(channel="consult", now=at(dt.date(2026, 9, 30)))
    assert letter.received_on == dt.date(2026, 9, 30)
    assert letter.due_on == dt.date(2026, 10, 13)
    # Received on a holiday: received that day, counted from the next working day.
    holiday, _ = submit(channel="consult", now=at(dt.date(2026, 10, 3)))
    assert holiday.received_on == dt.date(2026, 10, 3)
    assert holiday.due_on == dt.date(2026, 10, 13)


def test_due_date_follows_the_channel_setting(city: Any) -> None:
    ChannelSetting.objects.filter(channel="complaint").update(response_workdays=3)
    letter, _ = submit(channel="complaint", now=at(dt.date(2026, 3, 2)))  # Monday
    assert letter.due_on == dt.date(2026, 3, 5)


def test_closed_channel_refuses(city: Any) -> None:
    ChannelSetting.objects.filter(channel="leader").update(enabled=False)
    with pytest.raises(ValidationError) as error:
        submit(channel="leader")
    assert error.value.code == "closed"


def test_bad_input_has_chinese_messages(city: Any) -> None:
    with pytest.raises(ValidationError) as error:
        submit(subject=" ", body="", name="", phone="", email="bad")
    messages = error.value.message_dict
    assert messages["subject"] == ["请填写标题。"]
    assert messages["body"] == ["请填写来信内容。"]
    assert messages["name"] == ["请填写姓名。"]
    assert "电子邮箱格式不正确" in messages["email"][0]
    with pytest.raises(ValidationError) as error:
        submit(phone="", email="")
    assert "至少填写" in error.value.message_dict["phone"][0]
    assert not Letter.objects.exists()


def test_attachments_refused_by_type_and_content(city: Any) -> None:
    exe = SimpleUploadedFile("run.exe", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        submit(attachments=[exe])
    assert "类型不支持" in error.value.messages[0]
    fake = SimpleUploadedFile("scan.pdf", b"<html><script>x</script></html>")
    with pytest.raises(ValidationError) as error:
        submit(attachments=[fake])
    assert "内容与其类型不符" in error.value.messages[0]
    too_many = [SimpleUploadedFile(f"{n}.pdf", real_pdf()) for n in range(4)]
    with pytest.raises(ValidationError):
        submit(attachments=too_many)
    assert not Letter.objects.exists() and not LetterAttachment.objects.exists()
    letter, _ = submit(attachments=[SimpleUploadedFile("证明.pdf", real_pdf())])
    assert [a.name for a in letter.attachments.all()] == ["证明.pdf"]


def test_audit_entry_without_personal_data(city: Any) -> None:
    letter, _ = submit(name="李四", phone="13900001111", email="li@example.com")
    entry = ModelLogEntry.objects.get(action=intake_services.LETTER_SUBMIT)
    text = f"{entry.label} {entry.data}"
    assert letter.number in text
    for secret in ("李四", "13900001111", "li@example.com", letter.subject):
        assert secret not in text


def test_find_letter_needs_number_and_code(city: Any) -> None:
    letter, code = submit()
    assert code is not None
    assert intake_services.find_letter(letter.number, code) == letter
    assert (
        intake_services.find_letter(letter.number.lower(), code.replace("-", "").lower()) == letter
    )
    assert intake_services.find_letter(letter.number, "AAAA-BBBB-CCCC") is None
    assert intake_services.find_letter("XJ2026-999999", code) is None
    assert intake_services.find_letter("x" * 500, code) is None


def test_rating_rules(city: Any) -> None:
    letter, _ = submit()
    with pytest.raises(ValidationError) as error:
        intake_services.letter_rate(letter=letter, satisfaction="satisfied")
    assert "答复后才能评价" in error.value.messages[0]
    letter = answer(letter)
    with pytest.raises(ValidationError):
        intake_services.letter_rate(letter=letter, satisfaction="great")
    first = intake_services.letter_rate(letter=letter, satisfaction="unsatisfied", comment="太慢")
    assert first.satisfaction == "unsatisfied" and first.rated_at is not None
    # Changed within 7 days: replaced, the first rating's time kept.
    later = first.rated_at + dt.timedelta(days=6)
    second = intake_services.letter_rate(letter=first, satisfaction="basic", now=later)
    assert second.satisfaction == "basic" and second.rated_at == first.rated_at
    assert second.rating_comment == ""
    # After 7 days it is final.
    too_late = first.rated_at + dt.timedelta(days=8)
    with pytest.raises(ValidationError) as error:
        intake_services.letter_rate(letter=second, satisfaction="satisfied", now=too_late)
    assert "不能再更改" in error.value.messages[0]
    assert Letter.objects.get(pk=letter.pk).satisfaction == "basic"


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_gapless_numbers(wagtail_baseline: Any) -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        pytest.skip("threads need a shared database")
    errors: list[Exception] = []

    def one(n: int) -> None:
        try:
            submit(token=f"tok-{n:016d}")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    serials = sorted(Letter.objects.values_list("serial", flat=True))
    assert serials == list(range(1, 9))
