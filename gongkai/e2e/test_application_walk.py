"""依申请公开 in a real browser: a citizen files an application, follows it, answers a request
for correction, and downloads the reply letter after the unit's staff replied (with axe-core on
the citizen's pages)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _step(staff: Any, action: str, **fields: str) -> None:
    form = staff.locator(f"form:has(input[name=action][value={action}])")
    for name, value in fields.items():
        target = form.locator(f"[name={name}]")
        if target.evaluate("e => e.tagName") == "SELECT":
            target.select_option(label=value)
        else:
            target.fill(value)
    form.locator("button[type=submit]").first.click()
    staff.wait_for_load_state()


def _apply(page: Any, live_site: str) -> tuple[str, str]:
    """The citizen applies to 南昌市教育局 from the home page; returns number and code."""
    page.goto(live_site + "/")
    page.get_by_role("link", name="依申请公开").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="南昌市教育局").click()
    assert_accessible(page)
    page.get_by_role("radio", name="自然人").check()
    page.fill("#id_applicant_name", "王小明")
    page.fill("#id_id_number", "360102198507150013")
    page.fill("#id_phone", "13907911234")
    page.fill("#id_description", "2025年东湖区小学招生划片范围")
    page.get_by_role("radio", name="电子文档").check()
    page.get_by_role("radio", name="网上查阅下载").check()
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r"/ysqgk/receipt/"))
    assert_accessible(page)
    number = page.locator("#receipt-number").inner_text()
    code = page.locator("#query-code").inner_text()
    assert re.fullmatch(r"[a-z0-9-]+-\d{4}-\d{5}", number)
    return number, code


def test_apply_follow_correct_and_download_the_reply(
    live_site: str, page: Any, browser: Any
) -> None:
    number, code = _apply(page, live_site)

    # The unit's disclosure officer takes the case and asks for a correction.
    officer = staff_page(browser, live_site, "yishenqing")
    officer.goto(live_site + "/admin/applications/")
    officer.get_by_role("link", name=number).click()
    case_url = officer.url
    _step(officer, "assign", handler="市教育局 依申请公开经办")
    _step(officer, "correction", text="请写明所需文件的名称或文号。")
    assert "待申请人补正" in officer.locator("#case-status").inner_text()

    # The citizen follows the case with number and code and answers.
    page.goto(live_site + "/ysqgk/track/")
    assert_accessible(page)
    page.fill("#id_number", number)
    page.fill("#id_code", code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"/ysqgk/case/"))
    assert "请写明所需文件的名称或文号" in page.content()
    assert_accessible(page)
    page.fill("#id_text", "《东湖区2025年小学招生工作方案》")
    page.get_by_role("button", name="提交补正").click()
    page.wait_for_load_state()
    assert "收到补正" in page.content()

    # The officer drafts the reply, the head approves it, the officer sends it.
    officer.goto(case_url)
    _step(officer, "draft", outcome="（一）予以公开")
    head = staff_page(browser, live_site, "fuzeren")
    head.goto(case_url)
    _step(head, "approve", text="同意")
    officer.goto(case_url)
    _step(officer, "replied")
    assert "已答复" in officer.locator("#case-status").inner_text()

    # The citizen downloads the letter.
    page.reload()
    assert "已答复" in page.locator("#case-status").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 PDF").last.click()  # the reply comes last
    data = download_info.value.path().read_bytes()
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "王小明" in text
    assert "行政复议" in text
    officer.context.close()
    head.context.close()
