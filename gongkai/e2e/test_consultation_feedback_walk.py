"""意见采纳情况反馈 from draft to the public, in a real browser: the unit's editor (bianji) writes
the reasons into the feedback pre-filled from the tagged comments and submits it; the reviewer
(shenhe) passes it and the head (fuzeren) signs it (先审后发); a citizen reads the per-clause table
and the comparison with the final text; the open API gives the same rows. Screenshots
consultation-feedback-*.png."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import live_python, shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TITLE = "反馈走查：南昌市校外培训机构管理办法（征求意见稿）"
REASON = "已在第二条中增加培训时间不得晚于20:30的规定"

# A consultation of the education bureau that closed in the past, with comments moderated and
# tagged as the staff screens do it (their own walk), and the feedback pre-filled from the tags
# (the 起草采纳情况反馈 button): an operator's command against the live server's database.
PREPARE = f"""
import datetime as dt
from django.contrib.auth import get_user_model
from gongkai.library.publication import system_publication
from gongkai.organisations.models import Organisation
from gongkai.participation import services
from gongkai.participation.models import ConsultationPage
editor = get_user_model().objects.get(username="bianji")
unit = Organisation.objects.get(slug="jyj")
draft = "第一条 为了规范校外培训机构，制定本办法。\\n第二条 校外培训机构应当合理安排培训时间。\\n第三条 本办法自发布之日起施行。\\n"
page = services.consultation_create(
    actor=editor, unit=unit, title="{TITLE}", kind="normative",
    opens_on=dt.date(2026, 9, 1), closes_on=dt.date(2026, 9, 30), draft_text=draft,
)
with system_publication("走查：征求意见已审核发布"):
    page.get_latest_revision().publish()
page = ConsultationPage.objects.get(pk=page.pk)
second = page.consulted_version().clauses.get(number="第二条")
for i, d in enumerate(["adopted", "adopted", "not_adopted"]):
    c = services.comment_submit(consultation=page, clause=second, text=f"建议限定培训结束时间{{i}}",
                                key=f"walk{{i}}", consent_publish=True, today=dt.date(2026, 9, 10)).comment
    services.comment_moderate(actor=editor, comment=c, accept=True)
    services.comment_tag(actor=editor, comment=c, disposition=d)
services.version_add(actor=editor, consultation=page, label="最终文本", final=True,
                     text=draft.replace("合理安排培训时间", "合理安排培训时间，培训结束时间不得晚于20:30"))
feedback = services.feedback_draft(actor=editor, consultation=page)
print(page.pk, feedback.pk)
"""


def _submit_in_editor(page: Any) -> None:
    page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-submit]").first.click()


def _decide(page: Any, action: str, comment: str) -> None:
    form = page.locator(f"form:has(input[name=action][value={action}])")
    form.locator("textarea[name=comment]").fill(comment)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_feedback_goes_through_review_and_the_page_and_api_agree(
    browser: Any, live_site: str
) -> None:
    consultation_id, feedback_id = live_python(PREPARE).split()[-2:]
    sheet = f"/admin/review/page/{feedback_id}/"

    # The editor finds the counts filled in, writes the reason for the adopted group, submits.
    editor = staff_page(browser, live_site, "bianji")
    editor.goto(f"{live_site}/admin/pages/{feedback_id}/edit/")
    assert editor.locator("input[name='rows-0-comments']").input_value() == "3"
    assert editor.locator("input[name='rows-0-adopted']").input_value() == "2"
    assert editor.locator("input[name='rows-0-not_adopted']").input_value() == "1"
    editor.locator("textarea[name='rows-0-reason_adopted']").fill(REASON)
    editor.locator("textarea[name='rows-0-reason_not']").fill("与上位法规定不一致，未予采纳")
    shot(editor, "consultation-feedback-editor", full_page=True)
    _submit_in_editor(editor)

    reviewer = staff_page(browser, live_site, "shenhe")
    reviewer.goto(live_site + sheet)
    assert REASON in reviewer.locator("main").inner_text()
    _decide(reviewer, "approve", "无涉密、无个人信息")
    head = staff_page(browser, live_site, "fuzeren")
    head.goto(live_site + sheet)
    _decide(head, "approve", "同意发布")
    assert "内容已发布" in head.locator("body").inner_text()

    # The citizen reads the feedback on a phone-sized screen.
    citizen = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    api = json.loads(
        citizen.request.get(f"{live_site}/api/v1/consultations/{consultation_id}").text()
    )
    assert api["status"] == "result" and api["feedback"] is not None
    citizen.goto(api["url"])  # the API gives absolute addresses
    with citizen.expect_navigation():
        citizen.get_by_role("link", name=re.compile("采纳情况")).first.click()
    table = citizen.locator("table.feedback-table").inner_text()
    assert REASON in table
    [row] = api["feedback"]["rows"]
    assert row["clause"] == "第二条"
    assert (row["comments"], row["adopted"], row["partly_adopted"], row["not_adopted"]) == (
        3,
        2,
        0,
        1,
    )
    assert REASON in row["reasons"]
    cells = [
        c.strip()
        for c in citizen.locator("table.feedback-table tbody tr")
        .first.locator("th, td")
        .all_inner_texts()
    ]
    for value in ("第二条", "3", "2", "0", "1"):
        assert value in cells, cells
    assert "20:30" in citizen.locator("main").inner_text()  # the final text, compared
    shot(citizen, "consultation-feedback-public", full_page=True)
    assert_accessible(citizen)
    for p in (editor, reviewer, head, citizen):
        p.context.close()
