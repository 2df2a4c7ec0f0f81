"""The handler's and the head's steps (issue 12): every letter filled or refused, the extension
requested and approved, drafts returned and redrafted, numbers at approval, the reviewer's
access, the outcome/text check, files attached to the reply — by the services and on the staff
screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.applications import outcomes, policies, services
from gongkai.applications.models import Application, LetterKind, Pause, Status
from gongkai.applications.tests.helpers import PERSON, handled
from gongkai.testing import real_pdf

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2026, 9, 14)  # Monday


def recent(city: Any) -> Application:
    """A case received a few days ago: steps dated today are within its period."""
    from django.utils import timezone

    return handled(city.a, city.users, timezone.localdate() - dt.timedelta(days=3))


BASIS_MARK = "（答复依据标记）"
REASON = "所需信息须从市档案馆调取，需时较长"


def _with_outcome(case: Application, code: str) -> Application:
    """As if a reply had been drafted with this outcome (its basis marked)."""
    Application.objects.filter(pk=case.pk).update(outcome=code, outcome_basis=BASIS_MARK)
    case.refresh_from_db()
    return case


def _notice(case: Application, kind: str, users: Any) -> Any:
    """Each notice through the step that issues it."""
    officer = users.officer_a
    if kind == LetterKind.CORRECTION:
        services.request_correction(
            case, actor=officer, request_text="请写明文件的名称或文号", on=dt.date(2026, 9, 15)
        )
    elif kind == LetterKind.EXTENSION:
        services.request_extension(case, actor=officer, reason=REASON, on=dt.date(2026, 10, 9))
        services.extend(case, actor=users.head_a, on=dt.date(2026, 10, 9))
    elif kind == LetterKind.THIRD_PARTY:
        services.start_consultation(
            case,
            actor=officer,
            kind=Pause.Kind.THIRD_PARTY,
            party="某某科技有限公司",
            reason="该公司的商业秘密",
            on=dt.date(2026, 9, 21),
        )
    elif kind == LetterKind.FEE:
        services.notify_fee(
            case, actor=officer, method="volume", pages=120, on=dt.date(2026, 9, 15)
        )
    return case.letters.get(kind=kind)


NOTICE_MUST_SAY = {
    LetterKind.CORRECTION: "请写明文件的名称或文号",
    LetterKind.EXTENSION: f"因{REASON}，本机关不能",
    LetterKind.THIRD_PARTY: "该政府信息涉及该公司的商业秘密",
    LetterKind.FEE: "收取信息处理费1100",
}
OUTCOME_CODES = [o.code for o in outcomes.OUTCOMES]


@pytest.mark.parametrize("code", OUTCOME_CODES)
@pytest.mark.parametrize("kind", [k for k in LetterKind.values if k != LetterKind.REPLY])
def test_every_notice_is_filled_whatever_the_reply_outcome(city: Any, kind: str, code: str) -> None:
    case = _with_outcome(handled(city.a, city.users, RECEIVED), code)

    letter = _notice(case, kind, city.users)

    text = "".join(letter.paragraphs)
    assert NOTICE_MUST_SAY[kind] in text
    assert BASIS_MARK not in text  # never the reply's basis (the extension notice printed it)
    assert "None" not in text and "因，" not in text and "涉及，" not in text
    assert letter.doc_number  # a notice goes out at once, numbered


# Replies that only a case with an earlier notice can send: without it the letter cannot say
# when the notice went out, and is refused.
NEEDS_A_NOTICE = {"other.no_correction", "other.fee_unpaid"}
DETAILS = {
    "previous_reply": "2026年1月5日以市教育局依申〔2026〕3号告知书",
    "article": "第三十六条第（三）项",
    "other_agency": "南昌市自然资源和规划局",
    "access": "该出版物可在南昌市图书馆查阅",
}


@pytest.mark.parametrize("code", OUTCOME_CODES)
def test_every_reply_is_filled_or_refused_naming_what_is_missing(city: Any, code: str) -> None:
    case = handled(city.a, city.users, RECEIVED)
    officer = city.users.officer_a
    if code == "unavailable.unclear":  # 补正后仍不明确: after a correction
        case = services.request_correction(
            case, actor=officer, request_text="请写明文件名称", on=dt.date(2026, 9, 15)
        )
        case = services.receive_correction(
            case, actor=officer, text="不清楚", on=dt.date(2026, 9, 17)
        )
    if code in NEEDS_A_NOTICE:
        with pytest.raises(ValidationError, match="此前通知书的日期"):
            services.draft_reply(case, actor=officer, outcome_code=code, details=DETAILS)
        return
    try:
        letter = services.draft_reply(case, actor=officer, outcome_code=code)
    except ValidationError as refused:
        assert refused.messages[0].startswith("文书不能生成：以下内容尚未填写：")
        case.refresh_from_db()
        assert case.status == Status.ASSIGNED  # nothing drafted
        letter = services.draft_reply(
            case, actor=officer, outcome_code=code, basis="具体理由见下", details=DETAILS
        )
    text = "".join(letter.paragraphs)
    assert "None" not in text and "“”" not in text
    assert letter.doc_number == "" and letter.serial is None  # numbered at approval


def test_the_repeat_reply_names_the_earlier_reply_it_needs(city: Any) -> None:
    case = handled(city.a, city.users, RECEIVED)
    with pytest.raises(ValidationError, match="前次答复的日期和文号"):
        services.draft_reply(case, actor=city.users.officer_a, outcome_code="not_processed.repeat")


def test_a_refusal_whose_reasons_say_disclose_is_refused(city: Any) -> None:
    case = handled(city.a, city.users, RECEIVED)
    with pytest.raises(ValidationError, match=r"办理结果为“不予公开/属于国家秘密”.*予以公开"):
        services.draft_reply(
            case,
            actor=city.users.officer_a,
            outcome_code="refused.state_secret",
            basis="经审查，该信息予以公开",
        )
    with pytest.raises(ValidationError, match="不予公开"):
        services.draft_reply(
            case, actor=city.users.officer_a, outcome_code="disclosed", basis="决定不予公开"
        )
    # Consistent wording passes, including "不予公开" inside a refusal.
    services.draft_reply(
        case,
        actor=city.users.officer_a,
        outcome_code="refused.state_secret",
        basis="该信息已依法确定为机密级，不予公开",
    )


def test_returned_drafts_are_voided_and_numbers_are_given_at_approval(city: Any) -> None:
    users = city.users
    case = handled(city.a, users, RECEIVED)
    first = services.draft_reply(case, actor=users.officer_a, outcome_code="unavailable.not_held")
    services.send_to_legal_review(case, actor=users.officer_a)
    case = services.legal_review(case, actor=users.reviewer_a, approve=False, note="理由不充分")
    assert case.status == Status.ASSIGNED
    assert case.outcome == ""  # the voided draft's outcome is not the case's
    second = services.draft_reply(
        case, actor=users.officer_a, outcome_code="unavailable.not_held", basis="经检索档案未找到"
    )
    case = services.return_reply(case, actor=users.head_a, note="请写明检索范围")
    assert case.status == Status.ASSIGNED
    third = services.draft_reply(
        case,
        actor=users.officer_a,
        outcome_code="unavailable.not_held",
        basis="经检索本机关2015年以来档案及业务系统，未找到该信息",
    )
    services.send_to_legal_review(case, actor=users.officer_a)
    services.legal_review(case, actor=users.reviewer_a, approve=True, note="同意")
    services.approve_reply(case, actor=users.head_a)

    for letter in (first, second, third):
        letter.refresh_from_db()
    assert first.voided and second.voided and not third.voided
    assert first.doc_number == second.doc_number == ""  # no number used up by a draft
    assert third.doc_number.endswith("〔2026〕1号")
    assert services.current_reply(case) == third
    kinds = list(case.events.values_list("kind", flat=True))
    assert "legal_review_returned" in kinds and "reply_returned" in kinds


def test_an_approved_then_redrafted_reply_keeps_its_number_listed_as_voided(city: Any) -> None:
    users = city.users
    case = handled(city.a, users, RECEIVED)
    first = services.draft_reply(case, actor=users.officer_a, outcome_code="unavailable.not_held")
    services.approve_reply(case, actor=users.head_a)
    services.draft_reply(case, actor=users.officer_a, outcome_code="unavailable.needs_creation")
    first.refresh_from_db()
    assert first.voided and first.doc_number


def test_the_handler_requests_an_extension_and_the_head_decides(city: Any) -> None:
    users = city.users
    case = handled(city.a, users, RECEIVED)
    on = dt.date(2026, 10, 9)
    with pytest.raises(ValidationError, match="延期理由"):
        services.request_extension(case, actor=users.officer_a, reason=" ", on=on)
    case = services.request_extension(case, actor=users.officer_a, reason="需调档", on=on)
    case = services.refuse_extension(case, actor=users.head_a, note="可在期限内答复")
    assert not case.extended and not services.extension_requested(case)
    case = services.request_extension(case, actor=users.officer_a, reason=REASON, on=on)
    case = services.extend(case, actor=users.head_a, on=dt.date(2026, 10, 9))
    assert case.extended and case.extension_reason == REASON
    assert REASON in "".join(case.letters.get(kind="extension").paragraphs)


def test_the_correction_deadline_is_gone_once_the_correction_arrived(
    client: Client, city: Any
) -> None:
    users = city.users
    case = handled(city.a, users, RECEIVED)
    case = services.request_correction(
        case, actor=users.officer_a, request_text="请写明文件名称", on=dt.date(2026, 9, 15)
    )
    client.force_login(users.officer_a)
    shown = f"补正期限 {case.correction_due_on:%Y-%m-%d}"
    assert shown in client.get(f"/admin/applications/{case.pk}/").content.decode()
    case = services.receive_correction(
        case, actor=users.officer_a, text="2025年划片文件", on=dt.date(2026, 9, 18)
    )

    assert case.correction_due_on is None
    page = client.get(f"/admin/applications/{case.pk}/").content.decode()
    assert shown not in page
    assert "2025年划片文件" in page


# --- The staff screen ---------------------------------------------------------------------------


def _post(client: Client, case: Application, **data: Any) -> Any:
    return client.post(f"/admin/applications/{case.pk}/", data, follow=True)


def test_on_screen_the_handler_requests_the_extension_and_the_head_approves(
    client: Client, city: Any
) -> None:
    users = city.users
    case = recent(city)
    url = f"/admin/applications/{case.pk}/"
    client.force_login(users.officer_a)
    assert "同意延期" not in client.get(url).content.decode()
    page = _post(client, case, action="request_extension", text=REASON).content.decode()
    assert "等待负责人同意" in page and REASON in page
    assert _post(client, case, action="extend", text="").status_code == 403  # not the head

    client.force_login(users.head_a)
    page = client.get(url).content.decode()
    assert "同意延期" in page and "不同意延期" in page
    page = _post(client, case, action="extend", text="").content.decode()

    case.refresh_from_db()
    assert case.extended
    assert (
        f"因{REASON}，本机关不能在收到申请之日起20个工作日内作出答复" in page
    )  # the letter's text
    assert "延期理由：" + REASON in page


def test_on_screen_review_return_redraft_and_approval(client: Client, city: Any) -> None:
    users = city.users
    case = recent(city)
    url = f"/admin/applications/{case.pk}/"
    client.force_login(users.officer_a)
    refused = client.post(
        url, {"action": "draft", "outcome": "refused.internal", "text": "该信息予以公开"}
    )
    assert refused.status_code == 400
    assert "两者矛盾" in refused.content.decode()
    _post(client, case, action="draft", outcome="refused.internal", text="属于人事管理信息")
    _post(client, case, action="legal")

    client.force_login(users.reviewer_a)  # the unit's reviewer: no handler, no head
    assert client.get("/admin/applications/").status_code == 200
    assert case.number in client.get("/admin/applications/").content.decode()
    page = client.get(url).content.decode()
    assert "法律审核意见" in page and "属于人事管理信息" in page
    assert PERSON["phone"] not in page  # personal data masked
    _post(client, case, action="legal_return", text="请写明具体属于哪类内部事务")
    assert client.get(url).status_code == 404  # no longer with the reviewer

    client.force_login(users.officer_a)
    page = client.get(url).content.decode()
    assert "（已作废）" in page and "拟定答复" in page
    page = _post(
        client, case, action="draft", outcome="refused.internal", text="属于人事管理类内部事务信息"
    ).content.decode()
    assert "重新拟稿（原稿作废）" in page and "（审批后编号）" in page

    client.force_login(users.head_a)
    page = _post(client, case, action="return", text="请补充依据").content.decode()
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED

    client.force_login(users.officer_a)
    _post(client, case, action="draft", outcome="refused.internal", text="属于人事管理信息")
    client.force_login(users.head_a)
    page = _post(client, case, action="approve", text="同意").content.decode()
    case.refresh_from_db()
    reply = services.current_reply(case)
    assert case.status == Status.APPROVED
    assert reply is not None and reply.doc_number in page
    assert page.count("（已作废）") == 2


def test_a_reviewer_opens_only_their_units_cases_in_legal_review(city: Any) -> None:
    users = city.users
    case = handled(city.a, users, RECEIVED)
    assert not policies.can_view(users.reviewer_a, case)
    services.draft_reply(case, actor=users.officer_a, outcome_code="unavailable.not_held")
    case = services.send_to_legal_review(case, actor=users.officer_a)
    assert policies.can_view(users.reviewer_a, case)
    assert list(policies.visible_cases(users.reviewer_a)) == [case]
    assert not policies.can_view(users.editor_a, case)
    assert not policies.can_view(users.editor_b, case)
    assert not policies.sees_personal_data(users.reviewer_a, case)


def test_files_attached_to_the_reply_reach_the_applicant(client: Client, city: Any) -> None:
    users = city.users
    result = services.submit_online(city.a, dict(PERSON))
    case = services.assign(result.case, actor=users.officer_a, handler=users.officer_a)
    applicant = Client()
    applicant.post("/ysqgk/track/", {"number": case.number, "code": result.code})
    staff = client
    staff.force_login(users.officer_a)
    url = f"/admin/applications/{case.pk}/"

    page = staff.post(
        url,
        {"action": "attach", "files": [SimpleUploadedFile("划片范围.pdf", real_pdf("划片"))]},
        follow=True,
    ).content.decode()
    assert "划片范围.pdf" in page
    bad = staff.post(
        url, {"action": "attach", "files": [SimpleUploadedFile("x.pdf", b"%PDF-1.4 <html>")]}
    )
    assert bad.status_code == 400
    page = _post(staff, case, action="draft", outcome="disclosed", text="").content.decode()
    assert "“划片范围.pdf”" in page and "登录本网站" in page  # the letter says where it is

    attachment = services.reply_files(case).get()
    download = f"/ysqgk/case/{case.number}/files/{attachment.pk}/"
    assert applicant.get(download).status_code == 404  # not before the reply is sent
    staff.force_login(users.head_a)
    assert (
        staff.get(f"/admin/applications/{case.pk}/attachments/{attachment.pk}/").status_code == 200
    )
    _post(staff, case, action="approve", text="同意")
    staff.force_login(users.officer_a)
    _post(staff, case, action="replied")

    page = applicant.get(f"/ysqgk/case/{case.number}/").content.decode()
    assert "下载 划片范围.pdf" in page
    response = applicant.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Client().get(download).status_code == 404  # the case access authorises it
