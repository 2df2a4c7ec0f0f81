"""The citizen's screens of 依申请公开, on the real HTML: the form (no pre-selected empty radio,
（必填） marks, Chinese messages with a summary), units grouped by level, the link from a unit's
公开指南, the printable receipt and the e-mail receipt (no query code), the plain outcome."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.applications import services
from gongkai.applications.models import Application, Attachment, Channel, Status
from gongkai.applications.tests.helpers import PERSON, form_post
from gongkai.library.models import DisclosureGuidePage
from gongkai.testing import real_pdf

pytestmark = pytest.mark.django_db


def apply_url(unit: Any) -> str:
    return f"/ysqgk/apply/{unit.slug}/"


def radios(html: str) -> list[str]:
    return re.findall(r'<input type="radio"[^>]*>', html)


def test_radio_groups_have_no_empty_choice_and_nothing_preselected(
    client: Client, city: Any
) -> None:
    html = client.get(apply_url(city.a)).content.decode()
    inputs = radios(html)
    assert len(inputs) >= 8  # applicant type, carrier form, way of delivery
    assert not [i for i in inputs if 'value=""' in i]
    assert not [i for i in inputs if "checked" in i]
    assert "---------" not in html.split("<main", 1)[1]


def test_required_fields_are_marked_and_no_star_legend(client: Client, city: Any) -> None:
    html = client.get(apply_url(city.a)).content.decode()
    assert "*" not in html.split("<main", 1)[1].split('<form method="post"', 1)[0]
    assert "标有“（必填）”的项目必须填写" in html
    for label in ("申请人类型", "姓名（法人或其他组织填名称）", "联系电话", "获取信息的方式"):
        assert re.search(re.escape(label) + r'<span class="required-mark">（必填）</span>', html)
    assert not re.search(r'电子邮箱<span class="required-mark">', html)


def test_missing_answers_get_a_chinese_summary_linking_to_each_field(
    client: Client, city: Any
) -> None:
    response = client.post(apply_url(city.a), {"applicant_name": "张三"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：" in html
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert html.index('class="error-summary"') < html.index('<form method="post"')
    for message in (
        "请选择申请人类型：自然人，或者法人或其他组织。",
        "请填写联系电话：手机号码，或者带区号的固定电话。",
        "请填写所需政府信息的名称、文号，或者便于查询的其他特征。",
        "请选择获取信息的载体形式",
        "请选择获取信息的方式",
    ):
        assert message in summary
        assert message in html.split('<form method="post"', 1)[1]  # and next to the field
    assert "这个字段是必填项" not in html and "必需字段" not in html
    # Every link of the summary lands on an element of the page (radios: the first one).
    targets = re.findall(r'<a href="#([^"]+)">', summary)
    assert "id_applicant_type_0" in targets
    for target in targets:
        assert f'id="{target}"' in html
    assert not Application.objects.exists()


def test_a_bad_email_says_what_to_write(client: Client, city: Any) -> None:
    html = client.post(apply_url(city.a), form_post(email="zhang@")).content.decode()
    assert "电子邮箱格式不正确，请填写完整的地址" in html


def test_units_are_grouped_by_level(client: Client, city: Any) -> None:
    html = client.get("/ysqgk/").content.decode()
    city_at = html.index("市级机关（")
    district_at = html.index("县（区）人民政府及其部门（")
    assert city_at < html.index(city.a.name) < district_at < html.index(city.district_dept.name)
    assert f'href="{apply_url(city.district_dept)}"' in html


def test_the_disclosure_guide_links_to_the_units_form(client: Client, city: Any) -> None:
    guide = DisclosureGuidePage.objects.get(organisation=city.a)
    html = client.get(guide.url).content.decode()
    assert f'href="{apply_url(city.a)}"' in html
    assert f"在线向{city.a.name}提交申请" in html
    form = client.get(apply_url(city.a)).content.decode()
    assert f'<strong id="apply-unit">{city.a.name}</strong>' in form


def _submit(client: Client, unit: Any, capture: Any, **overrides: Any) -> tuple[Any, str]:
    html = client.get(apply_url(unit)).content.decode()
    token = html.split('name="submission_token" value="', 1)[1].split('"', 1)[0]
    with capture(execute=True):
        response = client.post(apply_url(unit), form_post(submission_token=token, **overrides))
    assert response.status_code == 302
    return client.get(response["Location"]), token


def test_the_receipt_is_printable_and_mailed_without_the_query_code(
    client: Client, city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    receipt, _token = _submit(client, city.a, django_capture_on_commit_callbacks)
    html = receipt.content.decode()
    case = Application.objects.get()
    code = html.split('id="query-code">', 1)[1].split("<", 1)[0]
    assert services.find_case(case.number, code) == case
    for text in (case.number, city.a.name, "收到申请之日", "答复期限", "接下来", "第三十三条"):
        assert text in html
    assert "applications/apply.css" in html
    css = Path(__file__).parents[1] / "static" / "applications" / "apply.css"
    assert "@media print" in css.read_text()
    assert "将发送至 zhangsan@example.com" in html

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [PERSON["email"]]
    assert case.number in message.subject
    assert city.a.name in message.body
    assert case.current_due_on is not None
    assert case.current_due_on.strftime("%Y年%-m月%-d日") in message.body
    assert code not in message.body and code not in message.subject
    assert "本邮件不包含查询码" in message.body
    # The receipt page itself stays one-time (issue 11).
    assert code not in client.get("/ysqgk/receipt/").content.decode()


def test_no_mail_without_an_address(
    client: Client, city: Any, django_capture_on_commit_callbacks: Any
) -> None:
    receipt, _token = _submit(client, city.a, django_capture_on_commit_callbacks, email="")
    assert "电子邮件回执" not in receipt.content.decode()
    assert mail.outbox == []


def _closed_case(city: Any, outcome: str, **fields: Any) -> tuple[Application, str]:
    submitted = services.register(
        city.a,
        {**PERSON, **fields},
        actor=city.users.officer_a,
        channel=Channel.IN_PERSON,
        received_on=dt.date(2026, 3, 2),
    )
    case = submitted.case
    case.outcome = outcome
    case.status = Status.CLOSED
    case.save(update_fields=["outcome", "status"])
    return case, submitted.code


def test_the_case_page_says_the_outcome_plainly_without_report_notes(
    client: Client, city: Any
) -> None:
    case, code = _closed_case(city, "partial")
    answer = client.post("/ysqgk/track/", {"number": case.number, "code": code})
    html = client.get(answer["Location"]).content.decode()
    assert "部分公开：您申请的信息中可以公开的部分予以公开" in html
    assert "区分处理的" not in html and "只计这一情形" not in html

    case, code = _closed_case(city, "refused.state_secret")
    client.post("/ysqgk/track/", {"number": case.number, "code": code})
    html = client.get(f"/ysqgk/case/{case.number}/").content.decode()
    assert "不予公开：您申请的信息依法不能公开" in html and "（属于国家秘密）" in html
    assert "1.属于国家秘密" not in html


def test_the_reply_says_enclosed_only_when_files_are_attached(city: Any) -> None:
    case, _code = _closed_case(city, "disclosed", delivery_way="post")
    access = services.letter_context(case)["access"]
    assert "随本告知书" not in access and "附件" not in access
    assert "按您选择的获取方式（邮寄）" in access

    Attachment.objects.create(
        application=case,
        file=SimpleUploadedFile("划片范围.pdf", real_pdf()),
        original_name="划片范围.pdf",
        content_type="application/pdf",
        size=100,
        from_applicant=False,
    )
    access = services.letter_context(case)["access"]
    assert "“划片范围.pdf”" in access and "随本告知书一并提供" in access


def test_a_deadline_in_2027_skips_new_year_and_is_flagged_provisional(
    client: Client, city: Any
) -> None:
    # Received Fri 2026-12-04: 2027 has no official arrangement in the seeded calendar, but
    # 元旦 is a statutory holiday (《全国年节及纪念日放假办法》第二条): day 19 is Thu 12-31,
    # day 20 Mon 2027-01-04 — not Fri 01-01.
    submitted = services.register(
        city.a,
        dict(PERSON),
        actor=city.users.officer_a,
        channel=Channel.IN_PERSON,
        received_on=dt.date(2026, 12, 4),
    )
    client.post("/ysqgk/track/", {"number": submitted.case.number, "code": submitted.code})
    html = client.get(f"/ysqgk/case/{submitted.case.number}/").content.decode()
    assert "2027年1月4日（暂定：跨入尚未公布放假安排的年度，已扣除法定节假日" in html
