"""Staff of 市教育局 with the demo's closed consultation in Chromium (issue 14): the 意见征集 menu
leads to it, a comment is held with a reason and accepted again, tagged 采纳 with a theme, the
analysis screen shows the campaign's group and the per-clause chart, and 起草采纳情况反馈
opens the feedback draft in the page editor, its table pre-filled from the tags.
Account: bianji (市教育局 编辑). Screenshots consultation-staff-*.png when GONGKAI_E2E_SHOTS is set."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CLOSED_TITLE = "南昌市中小学课后服务管理办法（征求意见稿）"


def _submit(staff: Any, form: Any, button: str) -> str:
    with staff.expect_navigation():
        form.get_by_role("button", name=button).click()
    return str(staff.locator("body").inner_text())


def test_staff_moderate_tag_analyse_and_draft_the_feedback(live_site: str, browser: Any) -> None:
    staff = staff_page(browser, live_site, "bianji")
    try:
        queue_url = _open_queue(live_site, staff)
        _moderate_and_tag(staff, queue_url)
        _analyse(staff)
        _draft_the_feedback(staff)
    finally:
        staff.context.close()


def _open_queue(live_site: str, staff: Any) -> str:
    """The menu's list leads to the consultation; all its comments (accepted) are shown."""
    staff.goto(live_site + "/admin/consultations/")
    assert "意见征集" in staff.locator("main").inner_text()
    shot(staff, "consultation-staff-list")
    with staff.expect_navigation():
        staff.get_by_role("link", name=CLOSED_TITLE).click()
    assert re.search(r"/admin/consultations/\d+/$", staff.url), staff.url
    queue_url = str(staff.url)
    staff.locator("#id_status").select_option("all")
    with staff.expect_navigation():
        staff.locator("#queue-filter button").click()
    assert_accessible(staff)
    shot(staff, "consultation-staff-queue", full_page=True)
    return queue_url


def _moderate_and_tag(staff: Any, queue_url: str) -> None:
    """Hold the newest comment with a reason (the bulk form), accept it again on its page, and
    tag it 采纳 with themes."""
    first = staff.locator("#queue-form input[name=ids]").first
    comment_id = first.get_attribute("value")
    first.check()
    staff.locator("#id_reason").fill("重复提交")
    assert "已处理1条意见" in _submit(staff, staff.locator("#queue-form"), "不予展示")
    staff.goto(f"{queue_url}comments/{comment_id}/")
    assert "不予展示：重复提交" in staff.locator("#comment-status").inner_text()
    assert "已保存" in _submit(staff, staff.locator("#moderate-form"), "受理")
    assert staff.locator("#comment-status").inner_text().strip() == "已受理"

    tag = staff.locator("#tag-form")
    tag.locator("#id_disposition").select_option(label="采纳")
    tag.locator("#id_themes").fill("收费, 课后服务时间")
    _submit(staff, tag, "保存标注")
    assert staff.locator("#comment-disposition").inner_text().strip() == "采纳"
    assert "课后服务时间" in staff.locator("#comment-themes").inner_text()
    assert_accessible(staff)
    shot(staff, "consultation-staff-comment", full_page=True)


def _analyse(staff: Any) -> None:
    """Honest counts, the campaign's group, the per-clause chart with its data table."""
    with staff.expect_navigation():
        staff.get_by_role("link", name="意见分析").click()
    summary = staff.locator("#analysis-summary").inner_text()
    assert re.search(r"意见\s*\d+ 条", summary), summary
    groups = staff.locator(".analysis-group")
    assert groups.count() >= 1
    assert re.search("模板式|相同|相似", groups.first.inner_text())
    assert staff.locator("svg[role=img]").count() == 1
    assert staff.locator("#chart-table tbody tr").count() >= 2
    assert_accessible(staff)
    shot(staff, "consultation-staff-analysis", full_page=True)
    staff.locator("#chart-table").scroll_into_view_if_needed()
    shot(staff, "consultation-staff-chart")


def _draft_the_feedback(staff: Any) -> None:
    """起草采纳情况反馈: the feedback draft opens in the page editor."""
    with staff.expect_navigation():
        staff.get_by_role("button", name="起草采纳情况反馈").click()
    assert re.search(r"/admin/pages/\d+/edit/$", staff.url), staff.url
    assert "采纳情况" in staff.locator("main").inner_text()
    shot(staff, "consultation-staff-feedback-editor")
