"""The applications handler and the unit head in Chromium (issue 12): three cases, registered by
an operator's command, taken through every step to three kinds of reply — 予以公开 with the
disclosed file attached (returned by the legal review and redrafted; the applicant downloads
the file), 不予公开 (a contradictory text refused; returned by the head and redrafted), and an
extension requested by the handler and approved by the head — reading each letter's text on the
screen. Accounts: yishenqing (依申请公开经办), fuzeren (单位负责人), shenhe (审核), 市教育局.
Screenshots handler-*.png when GONGKAI_E2E_SHOTS is set."""

from __future__ import annotations

import io
import json
import re
import uuid
from types import SimpleNamespace
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import live_python, shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

RUN = uuid.uuid4().hex[:6]  # distinct descriptions: nothing another walk made can match
REASON = f"所需信息须从市档案馆调取并逐页核对（{RUN}）"

CREATE = """
import json
from django.contrib.auth import get_user_model
from django.utils import timezone
from gongkai.applications import services
from gongkai.organisations.models import Organisation

unit = Organisation.objects.get(name="南昌市教育局")
actor = get_user_model().objects.get(username="yishenqing")
out = {}
for key, name, wanted in %r:
    fields = {
        "applicant_type": "natural", "applicant_name": name, "id_doc_type": "id_card",
        "id_number": "360102198507150013", "phone": "13907911234", "description": wanted,
        "delivery_form": "electronic", "delivery_way": "online",
    }
    result = services.register(
        unit, fields, actor=actor, channel="in_person", received_on=timezone.localdate()
    )
    out[key] = [result.case.pk, result.case.number, result.code]
print(json.dumps(out))
"""


def _register_cases() -> dict[str, tuple[int, str, str]]:
    """The operator registers three applications received in person today (Django's shell
    against the live server's database: the walk's cases, not the demo's)."""
    cases = [
        ("open", "李明", f"2025年东湖区小学招生划片范围图（{RUN}）"),
        ("refuse", "周红", f"市教育局2025年干部考察谈话记录（{RUN}）"),
        ("extend", "吴刚", f"1998年以来全市校舍安全检查报告（{RUN}）"),
    ]
    printed = live_python(CREATE % (cases,))
    data = json.loads(printed.strip().splitlines()[-1])
    return {k: (int(v[0]), str(v[1]), str(v[2])) for k, v in data.items()}


def _step(staff: Any, action: str, button: str | None = None, **fields: str) -> str:
    """Fills the step's form, submits it and returns the text of the page that answers."""
    form = staff.locator(f"form:has(input[name=action][value={action}])").first
    for details in form.locator("details:not([open])").all():
        details.locator("summary").click()  # the draft form's further details
    for name, value in fields.items():
        target = form.locator(f"[name={name}]")
        if target.evaluate("e => e.tagName") == "SELECT":
            target.select_option(value=value)
        else:
            target.fill(value)
    submit = form.get_by_role("button", name=button) if button else form.locator("button").last
    with staff.expect_navigation():
        submit.click()
    return str(staff.locator("body").inner_text())


def _legal(reviewer: Any, url: str, action: str, note: str) -> str:
    form = reviewer.locator("form:has(button[name=action])")
    form.locator("[name=text]").fill(note)
    with reviewer.expect_navigation():
        form.locator(f"button[value={action}]").click()
    return str(reviewer.locator("main").inner_text())


def _assign_to_self(officer: Any) -> None:
    """承办人: the handler picks themself (yishenqing, 市教育局 依申请公开经办)."""
    select = officer.locator("form:has(input[name=action][value=assign]) select[name=handler]")
    value = select.locator("option", has_text="依申请公开").first.get_attribute("value")
    select.select_option(value=value)
    with officer.expect_navigation():
        officer.get_by_role("button", name="分配").click()


def _letter_text(staff: Any, title: str) -> str:
    """Opens the letter's full text on the case page (as the handler reads it) and returns it."""
    details = staff.locator("details.letter-text", has_text=title).last
    details.locator("summary").click()
    return str(details.inner_text())


def _status(staff: Any) -> str:
    return str(staff.locator("#case-status").inner_text())


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "东湖区小学招生划片范围图"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_handler_takes_cases_through_every_step(
    live_site: str, browser: Any, page: Any
) -> None:
    cases = _register_cases()
    officer = staff_page(browser, live_site, "yishenqing")
    head = staff_page(browser, live_site, "fuzeren")
    reviewer = staff_page(browser, live_site, "shenhe")
    try:
        staff = SimpleNamespace(officer=officer, head=head, reviewer=reviewer)
        _disclose_with_a_file(live_site, staff, cases["open"])
        _reply_and_download(live_site, staff, page, cases["open"])
        _refuse(live_site, officer, head, cases["refuse"])
        _extend(live_site, officer, head, cases["extend"])
    finally:
        for staff in (officer, head, reviewer):
            staff.context.close()


def _disclose_with_a_file(live_site: str, staff: Any, case: Any) -> None:
    pk, number, _code = case
    url = f"{live_site}/admin/applications/{pk}/"
    officer, reviewer = staff.officer, staff.reviewer

    # The handler finds the case in the list and takes it.
    officer.goto(live_site + "/admin/applications/")
    with officer.expect_navigation():
        officer.get_by_role("link", name=number).click()
    assert officer.url.rstrip("/").endswith(f"/admin/applications/{pk}")
    _assign_to_self(officer)
    assert "办理中" in _status(officer)
    shot(officer, "handler-case", full_page=True)
    assert_accessible(officer)

    # The disclosed document is attached before the reply is drafted.
    officer.locator("#id_files").set_input_files(
        {"name": "划片范围图.pdf", "mimeType": "application/pdf", "buffer": _pdf()}
    )
    text = _step(officer, "attach")
    assert "已办理" in text and "划片范围图.pdf" in officer.locator("#reply-files").inner_text()
    officer.locator("#reply-files").scroll_into_view_if_needed()
    shot(officer, "handler-attach")

    _step(officer, "draft", outcome="disclosed")
    letter = _letter_text(officer, "答复告知书")
    assert "决定予以公开" in letter
    assert "“划片范围图.pdf”" in letter and "登录本网站" in letter
    assert "（审批后编号）" in officer.locator("#letters").inner_text()
    _step(officer, "legal")
    assert "法律审核中" in _status(officer)

    # The unit's reviewer opens it from the case list and returns it.
    reviewer.goto(live_site + "/admin/applications/")
    with reviewer.expect_navigation():
        reviewer.get_by_role("link", name=number).click()
    assert "法律审核意见" in reviewer.locator("main").inner_text()
    assert "13907911234" not in reviewer.content()  # personal data masked
    assert_accessible(reviewer)
    reviewer.locator("#id_legal").scroll_into_view_if_needed()
    shot(reviewer, "handler-legal-review")
    _legal(reviewer, url, "legal_return", "请在答复中写明所公开文件的名称")
    assert reviewer.url.rstrip("/").endswith("/admin/applications")  # no longer theirs

    # Back with the handler: the draft is voided, a new one goes to review again and passes.
    officer.goto(url)
    assert "法律审核退回" in officer.locator("main").inner_text()
    assert "（已作废）" in officer.locator("#letters").inner_text()
    officer.locator("#letters").scroll_into_view_if_needed()
    shot(officer, "handler-returned")
    _step(
        officer,
        "draft",
        outcome="disclosed",
        information="《东湖区2025年小学招生划片范围图》",
    )
    assert "《东湖区2025年小学招生划片范围图》" in _letter_text(officer, "答复告知书")
    _step(officer, "legal")
    reviewer.goto(url)
    _legal(reviewer, url, "legal_pass", "同意")


def _reply_and_download(live_site: str, staff: Any, citizen: Any, case: Any) -> None:
    pk, number, code = case
    url = f"{live_site}/admin/applications/{pk}/"
    officer, head = staff.officer, staff.head

    # The head approves: the letter gets its number now.
    head.goto(url)
    _step(head, "approve", text="同意")
    assert "答复已审批" in _status(head)
    numbered = re.search(r"依申〔\d{4}〕\d+号", head.locator("#letters").inner_text())
    assert numbered, head.locator("#letters").inner_text()
    officer.goto(url)
    _step(officer, "replied")
    assert "已答复" in _status(officer)

    # The applicant downloads the document from the case page.
    citizen.goto(live_site + "/ysqgk/track/")
    citizen.fill("#id_number", number)
    citizen.fill("#id_code", code)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    assert "已答复" in citizen.locator("#case-status").inner_text()
    assert_accessible(citizen)
    shot(citizen, "handler-citizen-download", full_page=True)
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="下载 划片范围图.pdf").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")


def _refuse(live_site: str, officer: Any, head: Any, case: Any) -> None:
    pk, _number, _code = case
    url = f"{live_site}/admin/applications/{pk}/"
    officer.goto(url)
    _assign_to_self(officer)

    # A refusal whose reasons say 予以公开 is refused, in Chinese.
    text = _step(officer, "draft", outcome="refused.process", text="经审查，该信息予以公开")
    assert "两者矛盾" in text
    assert "办理中" in _status(officer)
    shot(officer, "handler-contradiction", full_page=True)
    _step(officer, "draft", outcome="refused.process", text="讨论记录")

    # The head returns it; the handler redrafts; the head approves.
    head.goto(url)
    assert "退回答复" in head.locator("main").inner_text()
    _step(head, "return", text="请写明属于哪一类过程性信息")
    assert "办理中" in _status(head)
    officer.goto(url)
    assert "负责人退回答复" in officer.locator("main").inner_text()
    _step(officer, "draft", outcome="refused.process", text="讨论记录")
    head.goto(url)
    _step(head, "approve", text="同意")
    officer.goto(url)
    _step(officer, "replied")
    letter = _letter_text(officer, "答复告知书")
    assert "过程中形成的讨论记录" in letter and "决定不予公开" in letter
    assert "行政复议" in letter
    assert "（已作废）" in officer.locator("#letters").inner_text()
    officer.locator("details.letter-text[open]").last.scroll_into_view_if_needed()
    shot(officer, "handler-refused")


def _extend(live_site: str, officer: Any, head: Any, case: Any) -> None:
    pk, _number, _code = case
    url = f"{live_site}/admin/applications/{pk}/"
    officer.goto(url)
    _assign_to_self(officer)
    assert "同意延期" not in officer.locator("main").inner_text()
    _step(officer, "request_extension", text=REASON)
    assert "等待负责人同意" in officer.locator("main").inner_text()
    officer.locator("#extension-request").scroll_into_view_if_needed()
    shot(officer, "handler-extension-request")

    head.goto(url)
    assert REASON in head.locator("#extension-request").inner_text()
    assert_accessible(head)
    _step(head, "extend", button="同意延期")
    assert "已延期" in head.locator("main").inner_text()
    letter = _letter_text(head, "延期答复告知书")
    assert f"因{REASON}，本机关不能在收到申请之日起20个工作日内作出答复" in letter
    assert "第三十三条第二款" in letter
    head.locator("details.letter-text[open]").last.scroll_into_view_if_needed()
    shot(head, "handler-extension")
