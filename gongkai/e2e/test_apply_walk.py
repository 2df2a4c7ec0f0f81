"""依申请公开 as the citizen does it, in a real browser: from a unit's 公开指南 to its form (unit
preselected), one mistake first (the Chinese error summary), then the receipt (printable; the
query code shown once; an e-mail receipt without it), then the case looked up with number and
code. On a desktop, and on a phone in elder mode. Each valid submission counts against the
per-address limit: one per walk."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import LIVE_ENV, shot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _click(page: Any, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def _from_guide_to_form(page: Any, live_site: str, unit: str, prefix: str) -> None:
    page.goto(live_site + "/xxgk/")
    _click(page, page.get_by_role("link", name=unit, exact=True).first)
    _click(page, page.get_by_role("link", name="政府信息公开指南").first)
    assert "申请政府信息公开" in page.locator("main").inner_text()
    shot(page, f"{prefix}-guide")
    assert_accessible(page)
    _click(page, page.get_by_role("link", name=f"在线向{unit}提交申请"))
    assert page.locator("#apply-unit").inner_text() == unit
    main = page.locator("main").inner_text()
    assert "（必填）" in main and "---------" not in main
    assert page.locator("input[type=radio]:checked").count() == 0  # nothing chosen for them
    shot(page, f"{prefix}-form", full_page=True)
    assert_accessible(page)


def _fill(page: Any, *, name: str, email: str) -> None:
    page.get_by_role("radio", name="自然人").check()
    page.fill("#id_applicant_name", name)
    page.fill("#id_id_number", "360102198507150013")
    page.fill("#id_phone", "13907911234")
    page.fill("#id_email", email)
    page.fill("#id_description", "本单位2025年就业补贴资金发放情况的公示文件")
    page.get_by_role("radio", name="电子文档").check()


def _receipt_and_track(page: Any, live_site: str, unit: str, prefix: str, email: str) -> None:
    page.wait_for_url(re.compile(r"/ysqgk/receipt/"))
    number = page.locator("#receipt-number").inner_text()
    code = page.locator("#query-code").inner_text()
    receipt = page.locator(".receipt").inner_text()
    for text in (unit, "收到申请之日", "答复期限", "接下来", "第三十三条", email):
        assert text in receipt
    shot(page, f"{prefix}-receipt", full_page=True)
    assert_accessible(page)
    page.emulate_media(media="print")  # what the printer gets: the receipt, not the site
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".receipt").is_visible()
    shot(page, f"{prefix}-receipt-print", full_page=True)
    page.emulate_media(media="screen")

    # The e-mail receipt (the live server writes mail to files): the number, never the code.
    mails = [
        p.read_text(errors="replace") for p in Path(LIVE_ENV["GONGKAI_VAR_DIR"], "mail").glob("*")
    ]
    mine = [m for m in mails if number in m]
    assert mine, "no e-mail receipt"
    assert all(code not in m for m in mine)

    page.reload()  # shown once (issue 11)
    assert "回执已显示过" in page.locator("main").inner_text()
    assert code not in page.content()

    # Later: the citizen looks the case up with number and code.
    page.goto(live_site + "/ysqgk/")
    _click(page, page.get_by_role("link", name="用受理编号和查询码查询"))
    page.fill("#id_number", number)
    page.fill("#id_code", code)
    _click(page, page.get_by_role("button", name="查询"))
    assert page.locator("h1").inner_text() == f"申请 {number}"
    assert "已收到" in page.locator("#case-status").inner_text()
    assert unit in page.locator("main").inner_text()
    shot(page, f"{prefix}-case", full_page=True)
    assert_accessible(page)


def test_desktop_from_the_guide_to_the_receipt_and_the_case(live_site: str, page: Any) -> None:
    unit = "南昌市人力资源和社会保障局"
    _from_guide_to_form(page, live_site, unit, "apply")
    _fill(page, name="李建国", email="lijianguo@example.com")
    # One mistake: the way of delivery is left out.
    _click(page, page.get_by_role("button", name="提交申请"))
    summary = page.locator(".error-summary")
    assert "提交未成功" in summary.inner_text()
    assert "请选择获取信息的方式" in summary.inner_text()
    assert page.title().startswith("错误：")
    shot(page, "apply-errors")
    assert_accessible(page)
    summary.get_by_role("link").first.click()  # jumps to the first radio of the group
    assert page.evaluate("location.hash") == "#id_delivery_way_0"
    page.get_by_role("radio", name="网上查阅下载").check()
    _click(page, page.get_by_role("button", name="提交申请"))
    _receipt_and_track(page, live_site, unit, "apply", "lijianguo@example.com")


def test_phone_elder_mode_units_by_level_and_one_mistake(live_site: str, phone_page: Any) -> None:
    page = phone_page
    page.goto(live_site + "/ysqgk/")
    _click(page, page.locator("a", has_text="长辈版").first)
    assert "elder" in (page.locator("body").get_attribute("class") or "")
    # The units are grouped by level, not one flat list.
    headings = page.locator("main h3").all_inner_texts()
    assert [h.rsplit("（", 1)[0] for h in headings[:3]] == [
        "市级机关",
        "县（区）人民政府及其部门",
        "乡镇、街道",
    ]
    page.locator("#units-title").scroll_into_view_if_needed()
    shot(page, "apply-phone-units")
    assert_accessible(page)

    unit = "西湖区桃花镇"
    _from_guide_to_form(page, live_site, unit, "apply-phone")
    _fill(page, name="赵桂英", email="zhaoguiying@example.com")
    page.get_by_role("radio", name="网上查阅下载").check()
    page.fill("#id_phone", "12345")  # one mistake: not a phone number
    _click(page, page.get_by_role("button", name="提交申请"))
    summary = page.locator(".error-summary")
    assert "请填写正确的手机号码或带区号的固定电话" in summary.inner_text()
    summary.scroll_into_view_if_needed()
    shot(page, "apply-phone-errors")
    assert_accessible(page)
    page.fill("#id_phone", "13907911234")
    page.get_by_role("radio", name="网上查阅下载").check()
    _click(page, page.get_by_role("button", name="提交申请"))
    _receipt_and_track(page, live_site, unit, "apply-phone", "zhaoguiying@example.com")
