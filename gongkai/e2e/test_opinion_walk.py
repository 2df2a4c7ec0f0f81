"""政务舆情回应 in a real browser: the city's disclosure office (``gongkaiban``) registers a major
incident and decides the unit that answers ("谁主管谁回应", with its reason); the unit's editor
(``bianji``, 市教育局) records the authoritative information it published; a citizen on a phone
in the 长辈版 finds the response on /zwyq/ — and nothing of the incident record. No JavaScript is
needed on the public page. Screenshots opinion-*.png."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MATTER = "地铁站周边学校上下学交通拥堵"
SUMMARY = "短视频平台流传某地铁站周边小学放学时段道路拥堵、学生穿行车流的视频。"
TITLE = "市教育局关于地铁站周边学校上下学交通组织的情况通报"


def _local(hours_ago: float) -> str:
    moment = dt.datetime.now(ZoneInfo("Asia/Shanghai")) - dt.timedelta(hours=hours_ago)
    return moment.strftime("%Y-%m-%dT%H:%M")


def _register(browser: Any, live_site: str) -> str:
    """The city's disclosure office registers the incident and assigns 市教育局."""
    office = staff_page(browser, live_site, "gongkaiban")
    office.get_by_role("link", name="政务舆情").first.click()
    office.wait_for_load_state()
    assert "舆情登记簿" in office.locator("main").inner_text()
    with office.expect_navigation():
        office.get_by_role("link", name="登记政务舆情").click()
    office.locator("select[name='office']").select_option(label="南昌市人民政府")
    office.locator("select[name='source']").select_option("social")
    office.locator("input[name='link']").fill("https://video.example.com/v/metro-school")
    office.locator("input[name='first_seen_at']").fill(_local(1))
    office.locator("select[name='level']").select_option("major")
    office.locator("input[name='matter']").fill(MATTER)
    office.locator("textarea[name='summary']").fill(SUMMARY)
    office.locator("select[name='unit']").select_option(label="南昌市教育局")
    office.locator("textarea[name='reason']").fill("学生上下学安全由市教育局会同交管部门主管。")
    with office.expect_navigation():
        office.get_by_role("button", name="登记").click()
    text = office.locator("main").inner_text()
    assert re.search(r"已登记政务舆情 YQ\d{4}-\d{4}", text), text[:300]
    assert "南昌市教育局" in text and "学生上下学安全由市教育局" in text
    assert "权威信息发布" in text and "新闻发布会" in text  # the two statutory deadlines
    detail = office.url
    shot(office, "opinion-registered", full_page=True)
    assert_accessible(office)
    office.context.close()
    return str(detail)


def _respond(browser: Any, live_site: str, detail: str) -> None:
    """The unit's editor records the response it published."""
    editor = staff_page(browser, live_site, "bianji")
    editor.goto(detail)
    editor.locator("select[name='kind']").select_option("authoritative")
    editor.locator("input[name='published_at']").fill(_local(0.2))
    editor.locator("input[name='title']").fill(TITLE)
    editor.locator("input[name='url']").fill("https://jyj.nc.example.gov.cn/tzgg/metro.html")
    with editor.expect_navigation():
        editor.get_by_role("button", name="记录回应").click()
    text = editor.locator("main").inner_text()
    assert "已记录回应" in text and TITLE in text
    assert "关闭舆情" not in text  # the office closes, not the unit
    shot(editor, "opinion-responded", full_page=True)
    editor.goto(live_site + "/admin/opinion/")
    assert MATTER in editor.locator("main").inner_text()
    editor.context.close()


def test_office_registers_unit_responds_public_reads(
    browser: Any, live_site: str, phone_page: Any
) -> None:
    _respond(browser, live_site, _register(browser, live_site))
    # A citizen on a phone, 长辈版, reads the published responses.
    page = phone_page
    page.goto(f"{live_site}/elder/on/?next=/zwyq/")
    assert page.locator("h1").inner_text() == "舆情回应"
    item = page.locator(".response-item", has_text=TITLE)
    assert item.count() == 1
    meta = item.inner_text()
    assert "权威信息发布" in meta and "南昌市教育局" in meta
    body = page.locator("main").inner_text()
    assert SUMMARY not in body and "video.example.com" not in page.content()
    assert page.locator("body").get_attribute("class") == "elder"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    shot(page, "opinion-public", full_page=True)
    assert_accessible(page)
