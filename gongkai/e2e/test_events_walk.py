"""在线访谈 in a real browser (issue 15): a citizen on a phone in the 长辈版 finds the demo's
upcoming press conference and sends a question before it starts (its phone number masked
when shown); the unit's editor accepts it, starts the event and posts transcript lines from
the live console; the citizen's open page shows them without reload (JavaScript on, polling
transcript.json), and a browser without JavaScript shows them after a reload (the 刷新 link);
the linked policy's page links the event."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "2026年秋季学期义务教育招生入学政策新闻发布会"  # gongkai/demo/events.py
QUESTION = "户籍在外地的孩子怎么报名？我的电话13907917788。"
ANSWER = "请携带居住证和务工证明，在网上报名系统填报。"


def _click(page: Any, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def _ask(citizen: Any, live_site: str) -> str:
    """The citizen finds the upcoming press conference and asks; returns the event's address."""
    citizen.goto(live_site + "/elder/on/?next=/zxft/")
    assert "elder" in (citizen.locator("body").get_attribute("class") or "")
    assert citizen.locator("h1").inner_text() == "在线访谈"
    _click(citizen, citizen.locator(".status-tabs").get_by_role("link", name="预告"))
    _click(citizen, citizen.get_by_role("link", name=TITLE))
    event_url = citizen.url
    assert "预告" in citizen.locator("#event-status").inner_text()
    shot(citizen, "events-phone-upcoming", full_page=True)
    assert_accessible(citizen)
    # One mistake first: an empty question.
    _click(citizen, citizen.get_by_role("link", name="我要提问"))
    _click(citizen, citizen.get_by_role("button", name="提交问题"))
    assert "请填写问题" in citizen.locator(".error-summary").inner_text()
    citizen.fill("#id_text", QUESTION)
    citizen.fill("#id_name", "赵女士")
    _click(citizen, citizen.get_by_role("button", name="提交问题"))
    assert "提问已提交" in citizen.locator("h1").inner_text()
    assert_accessible(citizen)
    return str(event_url)


def _accept_and_start(staff: Any, live_site: str) -> None:
    staff.goto(live_site + "/admin/events/")
    _click(staff, staff.get_by_role("link", name=TITLE))
    edit_url = staff.url
    _click(staff, staff.get_by_role("link", name="网友提问", exact=True))
    row = staff.locator("tr", has_text="户籍在外地的孩子")
    assert "13907917788" in row.inner_text()  # the unit sees what was written
    _click(staff, row.get_by_role("button", name="采用", exact=True))
    assert "已采用" in staff.locator("tr", has_text="户籍在外地的孩子").inner_text()
    staff.goto(edit_url)
    _click(staff, staff.get_by_role("button", name="开始直播", exact=True))
    _click(staff, staff.get_by_role("link", name="文字直播台", exact=True))


def _post(staff: Any) -> None:
    staff.select_option("#id_speaker", label="主持人")
    staff.fill("#id_text", "各位网友，发布会现在开始。")
    _click(staff, staff.get_by_role("button", name="发布", exact=True))
    assert staff.locator("#id_speaker").input_value() == "主持人"  # kept for the next line
    guest = staff.locator("#id_speaker option", has_text="王立新").get_attribute("value")
    staff.select_option("#id_speaker", value=guest)
    staff.select_option("#id_question", label=QUESTION.replace("13907917788", "139****7788")[:40])
    staff.fill("#id_text", ANSWER)
    _click(staff, staff.get_by_role("button", name="发布", exact=True))
    assert ANSWER in staff.locator("table.listing").inner_text()
    shot(staff, "events-staff-console", full_page=True)


def _without_javascript(browser: Any, event_url: str) -> None:
    """Everything is there on (re)load; the linked policy's page links the event."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    nojs = context.new_page()
    try:
        nojs.goto(event_url)
        _click(nojs, nojs.get_by_role("link", name="刷新"))
        text = nojs.locator("#transcript").inner_text()
        assert ANSWER in text and "王立新" in text
        _click(nojs, nojs.locator("section[aria-labelledby=policies-heading] a").first)
        section = nojs.locator("section[aria-labelledby=rel-events]")
        assert "在线访谈与发布会" in section.inner_text()
        assert section.get_by_role("link", name=TITLE).count() == 1
        shot(nojs, "events-policy-page", full_page=True)
    finally:
        context.close()


def test_question_live_transcript_and_policy_link(
    live_site: str, phone_page: Any, browser: Any
) -> None:
    citizen = phone_page
    event_url = _ask(citizen, live_site)
    staff = staff_page(browser, live_site, "bianji")
    try:
        _accept_and_start(staff, live_site)
        # The citizen opens the live page (JavaScript on) before anything is posted.
        citizen.goto(event_url)
        assert "直播中" in citizen.locator("#event-status").inner_text()
        public_question = citizen.locator(".event-questions").inner_text()
        assert "139****7788" in public_question and "13907917788" not in public_question
        assert citizen.get_by_role("link", name="刷新").is_visible()
        _post(staff)
    finally:
        staff.context.close()
    # Without reload: the script appends the lines to the aria-live list.
    transcript = citizen.locator("#transcript")
    transcript.get_by_text(ANSWER).wait_for(timeout=20_000)
    assert "发布会现在开始" in transcript.inner_text()
    assert transcript.get_attribute("aria-live") == "polite"
    shot(citizen, "events-phone-live", full_page=True)
    assert_accessible(citizen)
    _without_javascript(browser, event_url)
