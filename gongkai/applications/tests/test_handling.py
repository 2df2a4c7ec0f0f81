"""Handling a case: every step an event, the legal rules enforced, letters as real files."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from gongkai.applications import outcomes, services
from gongkai.applications.models import Pause, Status
from gongkai.applications.tests.helpers import PERSON, handled, registered
from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.deadlines import add_workdays

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2026, 9, 14)  # Monday


def test_a_case_from_receipt_to_reply_and_close(city: Any) -> None:
    case = handled(city.a, city.users, RECEIVED)
    # 20 working days after 9/14, over 中秋 (9/25–27), National Day (10/1–7) and the working
    # Sunday 9/20 and Saturday 10/10: 10/16 (counted in test_deadlines of gongkai.workdays).
    assert case.current_due_on == dt.date(2026, 10, 16)

    letter = services.draft_reply(
        case, actor=city.users.officer_a, outcome_code="disclosed", on=dt.date(2026, 10, 9)
    )
    with pytest.raises(PermissionDenied):
        services.approve_reply(case, actor=city.users.officer_a)  # not the head
    services.approve_reply(case, actor=city.users.head_a, note="同意")
    case = services.mark_replied(
        case, actor=city.users.officer_a, on=dt.date(2026, 10, 12), posted_on=dt.date(2026, 10, 12)
    )
    case = services.close(case, actor=city.users.officer_a, on=dt.date(2026, 10, 13))

    assert case.status == Status.CLOSED
    assert case.outcome == "disclosed"
    assert case.posted_on == dt.date(2026, 10, 12)
    assert list(case.events.values_list("kind", flat=True)) == [
        "received",
        "assigned",
        "reply_drafted",
        "reply_approved",
        "replied",
        "closed",
    ]
    letter.refresh_from_db()
    assert letter.approved_by == city.users.head_a
    assert letter.doc_number.endswith("号")
    assert "〔2026〕" in letter.doc_number


def test_the_content_checker_stops_a_reply_with_a_marking_or_personal_data(city: Any) -> None:
    case = handled(city.a, city.users, RECEIVED)
    services.draft_reply(
        case,
        actor=city.users.officer_a,
        outcome_code="refused.third_party",
        basis="机密★5年 该信息含第三方李四（身份证号11010519491231002X）的个人信息",
    )

    with pytest.raises(ValidationError, match="未通过内容检查"):
        services.approve_reply(case, actor=city.users.head_a)
    case = services.approve_reply(
        case, actor=city.users.head_a, override_reason="已删除号码后重新生成"
    )

    assert case.status == Status.APPROVED
    assert "审批理由：已删除号码后重新生成" in case.events.get(kind="reply_approved").note


def test_the_drafter_cannot_approve_their_own_reply(city: Any) -> None:
    case = handled(city.a, city.users, RECEIVED)
    services.draft_reply(case, actor=city.users.head_a, outcome_code="disclosed")

    with pytest.raises(PermissionDenied):
        services.approve_reply(case, actor=city.users.head_a)


def test_the_reply_letter_opens_as_docx_and_pdf_with_the_right_text(city: Any) -> None:
    from docx import Document
    from pypdf import PdfReader

    from gongkai.applications.letters import render_letter

    case = handled(city.a, city.users, RECEIVED)
    letter = services.draft_reply(
        case,
        actor=city.users.officer_a,
        outcome_code="refused.state_secret",
        basis="该信息经依法确定为国家秘密",
    )

    document = Document(io.BytesIO(render_letter(letter, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert letter.title in text
    assert "张三" in text
    assert "第十四条" in text  # the legal basis
    assert "行政复议" in text and "行政诉讼" in text  # the remedies
    assert letter.doc_number in text
    pdf = PdfReader(io.BytesIO(render_letter(letter, "pdf")))
    pdf_text = "".join(page.extract_text() for page in pdf.pages)
    assert letter.title.replace(" ", "") in pdf_text.replace(" ", "").replace("\n", "")
    assert "张三" in pdf_text


def test_correction_is_asked_once_within_seven_working_days_and_restarts_the_clock(
    client: Client, city: Any
) -> None:
    result = services.submit_online(city.a, dict(PERSON))
    case = result.case
    late = add_workdays(DatabaseCalendar(), case.received_on, 8)
    with pytest.raises(ValidationError, match="7个工作日"):
        services.request_correction(
            case, actor=city.users.officer_a, request_text="请写明文件名称", on=late
        )

    case = services.request_correction(
        case, actor=city.users.officer_a, request_text="请写明文件名称或文号"
    )
    assert case.status == Status.CORRECTION_REQUESTED
    assert case.current_due_on is None  # the clock stopped
    assert case.correction_due_on is not None
    with pytest.raises(ValidationError, match="一次"):
        services.request_correction(case, actor=city.users.officer_a, request_text="再补一次")

    # The applicant answers on the case page.
    client.post("/ysqgk/track/", {"number": case.number, "code": result.code})
    page = client.get(f"/ysqgk/case/{case.number}/").content.decode()
    assert "请写明文件名称或文号" in page
    client.post(
        f"/ysqgk/case/{case.number}/",
        {"text": "《关于2025年义务教育招生的通知》洪教字〔2025〕12号"},
    )
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    assert case.corrected_on is not None
    assert case.current_due_on == add_workdays(DatabaseCalendar(), case.corrected_on, 20) or (
        case.current_due_on is not None and case.current_due_on > case.corrected_on
    )
    assert "收到补正" in client.get(f"/ysqgk/case/{case.number}/").content.decode()


def test_no_correction_in_time_closes_as_other_handling(city: Any) -> None:
    case = registered(city.a, city.users.officer_a, dt.date(2026, 3, 2))
    case = services.request_correction(
        case, actor=city.users.officer_a, request_text="请补充", on=dt.date(2026, 3, 3)
    )
    with pytest.raises(ValidationError, match="尚未届满"):
        services.close(
            case,
            actor=city.users.officer_a,
            outcome_code="other.no_correction",
            on=case.correction_due_on,
        )

    case = services.close(
        case,
        actor=city.users.officer_a,
        outcome_code="other.no_correction",
        on=case.correction_due_on + dt.timedelta(days=1),
    )
    assert case.status == Status.CLOSED
    assert outcomes.BY_CODE[case.outcome].group == "（六）其他处理"


def test_an_extension_is_once_by_the_head_and_adds_twenty_working_days(city: Any) -> None:
    case = handled(city.a, city.users, RECEIVED)
    before = case.current_due_on

    with pytest.raises(PermissionDenied):
        services.extend(
            case, actor=city.users.officer_a, reason="需要调档", on=dt.date(2026, 10, 9)
        )
    case = services.extend(
        case, actor=city.users.head_a, reason="需要调取档案", on=dt.date(2026, 10, 9)
    )

    assert case.extended
    assert case.current_due_on == add_workdays(DatabaseCalendar(), before, 20)
    with pytest.raises(ValidationError, match="只能一次"):
        services.extend(case, actor=city.users.head_a, reason="再延", on=dt.date(2026, 10, 9))
    assert case.letters.filter(kind="extension").exists()


def test_consultation_time_does_not_count(city: Any) -> None:
    case = handled(city.a, city.users, RECEIVED)
    before = case.current_due_on
    services.start_consultation(
        case,
        actor=city.users.officer_a,
        kind=Pause.Kind.THIRD_PARTY,
        party="某公司",
        reason="该公司的商业秘密",
        on=dt.date(2026, 9, 21),
    )
    case = services.end_consultation(case, actor=city.users.officer_a, on=dt.date(2026, 9, 23))

    assert case.status == Status.ASSIGNED
    assert case.current_due_on > before
    assert case.letters.get(kind="third_party").recipient == "某公司"


def test_fees_follow_the_bands_of_the_2020_measures() -> None:
    from gongkai.applications.fees import per_case_fee, per_volume_fee

    # Per case, per applicant per month: 1-10 free, 11-30 100 yuan, 31-40 200, 41-50 300.
    assert [per_case_fee(n) for n in (1, 10, 11, 30, 31, 40, 41, 51)] == [
        0,
        0,
        100,
        100,
        200,
        200,
        300,
        400,
    ]
    # Per volume, each band at its own rate: 30 free, 31-100 at 10, 101-200 at 20, above at 40.
    assert per_volume_fee(30) == 0
    assert per_volume_fee(31) == 10
    assert per_volume_fee(100) == 700
    assert per_volume_fee(150) == 700 + 50 * 20
    assert per_volume_fee(250) == 700 + 2000 + 50 * 40


def test_a_fee_only_beyond_the_free_range_and_an_unpaid_fee_closes_the_case(city: Any) -> None:
    case = handled(city.a, city.users, RECEIVED)
    with pytest.raises(ValidationError, match="不收取"):
        services.notify_fee(
            case, actor=city.users.officer_a, method="case", on=dt.date(2026, 9, 15)
        )
    case = services.notify_fee(
        case, actor=city.users.officer_a, method="volume", pages=120, on=dt.date(2026, 9, 15)
    )
    assert case.status == Status.FEE_PENDING
    assert case.fee_amount == 700 + 20 * 20
    with pytest.raises(ValidationError, match="缴费期限"):
        services.close(
            case,
            actor=city.users.officer_a,
            outcome_code="other.fee_unpaid",
            on=dt.date(2026, 9, 30),
        )
    case = services.close(
        case, actor=city.users.officer_a, outcome_code="other.fee_unpaid", on=dt.date(2026, 11, 2)
    )
    assert case.outcome == "other.fee_unpaid"
    assert case.letters.get(kind="fee").paragraphs


def test_the_eleventh_application_in_a_month_costs_a_fee(city: Any) -> None:
    cases = [registered(city.a, city.users.officer_a, dt.date(2026, 3, 2)) for _ in range(11)]
    last = services.assign(cases[-1], actor=city.users.officer_a, handler=city.users.officer_a)

    last = services.notify_fee(
        last, actor=city.users.officer_a, method="case", on=dt.date(2026, 3, 3)
    )

    assert last.fee_amount == 100
    assert "第11件" in last.events.get(kind="fee_notice").note


def test_a_case_filed_with_the_wrong_unit_is_transferred_by_the_office(city: Any) -> None:
    case = registered(city.a, city.users.officer_a, dt.date(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        services.transfer(case, actor=city.users.head_b, to_unit=city.b, reason="属财政局职责")

    case = services.transfer(
        case, actor=city.users.city_office, to_unit=city.b, reason="属财政局职责"
    )

    assert case.organisation == city.b
    assert case.events.filter(kind="transferred").exists()


def test_the_staff_screen_runs_the_steps(client: Client, city: Any) -> None:
    case = registered(city.a, city.users.officer_a, dt.date(2026, 3, 2))
    client.force_login(city.users.officer_a)
    url = f"/admin/applications/{case.pk}/"

    client.post(url, {"action": "assign", "handler": city.users.officer_a.pk})
    client.post(url, {"action": "draft", "outcome": "unavailable.not_held", "text": ""})
    refused = client.post(url, {"action": "approve"}, follow=True)  # the officer is no head

    case.refresh_from_db()
    assert case.status == Status.REPLY_DRAFTED
    assert "单位负责人审批" in refused.content.decode()
    assert (
        client.get(
            f"/admin/applications/{case.pk}/letters/{case.letters.get().pk}.docx"
        ).status_code
        == 200
    )


def test_a_calendar_change_moves_open_deadlines_and_says_so(city: Any) -> None:
    from gongkai.workdays.models import CalendarDay

    case = handled(city.a, city.users, RECEIVED)
    before = case.current_due_on
    from django.db import connection
    from django.test import TestCase
    from django.test.utils import CaptureQueriesContext  # noqa: F401 - on_commit below

    with TestCase.captureOnCommitCallbacks(using=connection.alias, execute=True):
        CalendarDay.objects.create(
            date=dt.date(2026, 9, 16), kind="holiday", note="测试：临时放假", source="admin"
        )

    case.refresh_from_db()
    assert case.current_due_on > before
    event = case.events.get(kind="deadline_recomputed")
    assert str(before) in event.note
