"""先审后发 in a real browser, as the unit's people do it: the editor (bianji) submits a draft
with a personal phone number; the reviewer (shenhe) finds it under 待我审核 on the dashboard,
opens the review sheet, reads the finding in Chinese and returns the item with a reason; the
editor reads why, fixes the text and resubmits; the reviewer passes it; the head (fuzeren)
signs it (签发) and the page is live. axe-core on the reviewer's and head's screens;
screenshots review-*.png for docs/guide/review.md."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import live_python, shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "审核走查：南昌市教育局关于做好2026年冬季校园安全工作的通知"
PHONE = "13907915678"
REASON = "请删去个人手机号码，改为单位值班电话"

# bianji's draft (the policy form is another walk's subject): an operator's command against the
# live server's database, printing the new page's id.
CREATE_DRAFT = f"""
import datetime as dt
from django.contrib.auth import get_user_model
from gongkai.library import services
from gongkai.library.importing.service import find_topic
from gongkai.organisations.models import Organisation
editor = get_user_model().objects.get(username="bianji")
unit = Organisation.objects.get(slug="jyj")
page = services.policy_save(
    actor=editor, unit=unit, issuers=[unit], publish=False, title="{TITLE}",
    doc_type="other", topic=find_topic("科技、教育\\\\教育"), written_on=dt.date(2026, 12, 1),
    body="<p>各县（区）教育局：为做好冬季校园安全工作，现就有关事项通知如下。</p>"
    "<p>值班联系人：张老师，手机{PHONE}。</p>",
)
print(page.pk)
"""


def _live(code: str) -> str:
    return live_python(code).strip()


def _submit_in_editor(page: Any) -> None:
    """提交审核 (or 重新提交审核) from the open page editor's action menu."""
    page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-submit]").first.click()


def _settled(page: Any) -> None:
    """Wagtail's message banner slides in: wait until no animation runs (for the screenshot)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def _decide(page: Any, action: str, comment: str) -> None:
    form = page.locator(f"form:has(input[name=action][value={action}])")
    form.locator("textarea[name=comment]").fill(comment)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_editor_reviewer_and_head_take_an_item_to_publication(browser: Any, live_site: str) -> None:
    page_id = _live(CREATE_DRAFT).splitlines()[-1]
    sheet = f"/admin/review/page/{page_id}/"

    editor = staff_page(browser, live_site, "bianji")
    editor.goto(f"{live_site}/admin/pages/{page_id}/edit/")
    _submit_in_editor(editor)

    reviewer = staff_page(browser, live_site, "shenhe")
    _reviewer_returns_it(reviewer, sheet)
    _editor_fixes_and_resubmits(editor, live_site, page_id, sheet)
    _reviewer_passes_it(reviewer, live_site, sheet)
    head = staff_page(browser, live_site, "fuzeren")
    _head_signs_it(head, sheet)

    # The public sees it.
    url = _live(
        f"from wagtail.models import Page; p = Page.objects.get(pk={page_id}); print(p.live, p.url)"
    ).splitlines()[-1]
    live, path = url.split(" ", 1)
    assert live == "True"
    citizen = browser.new_context(locale="zh-CN").new_page()
    citizen.goto(live_site + path)
    assert citizen.locator("h1").inner_text() == TITLE
    assert "0791-83881234" in citizen.locator("main").inner_text()
    assert PHONE not in citizen.content()
    for p in (editor, reviewer, head, citizen):
        p.context.close()


def _reviewer_returns_it(reviewer: Any, sheet: str) -> None:
    """待我审核 on the dashboard leads to the review sheet; the finding is named in Chinese;
    sending back needs a reason."""
    panel = reviewer.locator("#review-tasks-section")
    assert "待我审核" in panel.inner_text()
    link = panel.locator(f"a[href='{sheet}']")
    assert link.inner_text() == TITLE
    shot(reviewer, "review-dashboard")
    assert_accessible(reviewer)
    with reviewer.expect_navigation():
        link.click()
    text = reviewer.locator("main").inner_text()
    assert "手机号码" in text and "mobile" not in text  # the finding, in Chinese
    findings = reviewer.locator("table.review-findings").inner_text()
    assert "139****5678" in findings and PHONE not in findings
    assert "审核意见（当前环节：保密审查）" in text
    shot(reviewer, "review-sheet", full_page=True)
    assert_accessible(reviewer)

    _decide(reviewer, "reject", "")  # no reason: a Chinese error, nothing decided
    assert "请填写理由" in reviewer.locator("main").inner_text()
    _decide(reviewer, "reject", REASON)
    assert "/admin/review/tasks/" in reviewer.url
    assert "已将《" in reviewer.locator("body").inner_text()
    assert TITLE not in reviewer.locator("table.listing").inner_text()
    _settled(reviewer)
    shot(reviewer, "review-returned")
    # axe on the list itself: Wagtail's message banner fades in, and axe measured its contrast
    # mid-animation once (a false color-contrast finding on .success).
    reviewer.reload()
    assert_accessible(reviewer)


def _editor_fixes_and_resubmits(editor: Any, live_site: str, page_id: str, sheet: str) -> None:
    editor.goto(live_site + sheet)
    returned = editor.locator("main").inner_text()
    assert "已退回修改" in returned and REASON in returned
    shot(editor, "review-editor-reason")
    editor.goto(f"{live_site}/admin/pages/{page_id}/edit/")
    editor.locator("[data-contentpath=body] [contenteditable=true]").first.click()
    editor.keyboard.press("Control+A")
    editor.keyboard.type("各县（区）教育局：为做好冬季校园安全工作，值班电话0791-83881234。")
    # Draftail writes its content into the form's hidden input a moment later (debounced): a
    # submit before that would send the old text.
    editor.wait_for_function(
        "() => (document.querySelector('input[name=body]') || {}).value?.includes('83881234')"
    )
    _submit_in_editor(editor)


def _reviewer_passes_it(reviewer: Any, live_site: str, sheet: str) -> None:
    """The corrected text was checked again before it came back."""
    reviewer.goto(live_site + "/admin/review/tasks/")
    with reviewer.expect_navigation():
        reviewer.locator(f"a[href='{sheet}']").click()
    text = reviewer.locator("main").inner_text()
    assert "139****5678" not in text and "未发现问题" in text, text
    _decide(reviewer, "approve", "无涉密、无个人信息")
    assert "已审查通过" in reviewer.locator("body").inner_text()


def _head_signs_it(head: Any, sheet: str) -> None:
    with head.expect_navigation():
        head.locator("#review-tasks-section").locator(f"a[href='{sheet}']").click()
    assert "审核意见（当前环节：单位负责人签发）" in head.locator("main").inner_text()
    assert head.locator("form:has(input[value=approve]) button").inner_text().strip() == "签发"
    shot(head, "review-sign", full_page=True)
    assert_accessible(head)
    _decide(head, "approve", "同意发布")
    body = head.locator("body").inner_text()
    assert "已签发《" in body and "内容已发布" in body
    _settled(head)
    shot(head, "review-signed")
