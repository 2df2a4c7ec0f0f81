"""A letter from the citizen's form to the published answer and its rating (issue 15), in
Chromium: a citizen on a phone in elder mode writes to 网上咨询 after 先查一查, names no unit
(category 其他, so the disclosure office routes it), consents to publish and puts a phone number
into the text; a second POST of the same form stores nothing new. The office (gongkaiban) routes
it to 市教育局, the bureau's disclosure officer (yishenqing) answers, the reviewer (shenhe) and the
head (fuzeren) pass it on the review sheet (先审后发). The citizen, on another phone, finds the
letter with number and query code, reads the answer and rates it; 来信选登 and /api/v1/letters
show it with the phone number masked. Screenshots mailbox-*.png when GONGKAI_E2E_SHOTS is set."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import live_python, shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SUBJECT = "走查：小区旁边的学校什么时候开放操场"
PHONE = "13907915588"
BODY = f"我家住在青山湖区，想问小区旁边的学校操场周末是否对居民开放。我的电话{PHONE}，谢谢。"
ANSWER = "您好：区内中小学操场在周六、周日上午8:00至11:00向周边居民开放，请持身份证登记入校。"
COMMENT = "答复很清楚，谢谢"

COUNT = f"""
from gongkai.mailbox.models import Letter
print(Letter.objects.filter(subject="{SUBJECT}").count())
"""

DUE = """
from django.utils import timezone
from gongkai.mailbox import periods
d = periods.due_on("consult", timezone.localdate())
print(f"{d.year}年{d.month}月{d.day}日前")
"""


def _last(printed: str) -> str:
    """The last line a live_python snippet printed (the shell prints its own lines first)."""
    return printed.strip().splitlines()[-1]


def _phone(browser: Any) -> Any:
    """A phone of its own (390×844, touch), so the tracking has no session of the writing."""
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    return context.new_page()


def _click(page: Any, target: Any) -> None:
    with page.expect_navigation():
        target.click()


def _submit(page: Any, form: Any, button: str) -> str:
    _click(page, form.get_by_role("button", name=button))
    return str(page.locator("body").inner_text())


def _decide(page: Any, action: str, comment: str) -> None:
    form = page.locator(f"form:has(input[name=action][value={action}])")
    form.locator("textarea[name=comment]").fill(comment)
    _click(page, form.locator("button[type=submit]"))


def _write(browser: Any, live_site: str) -> tuple[str, str]:
    """The citizen writes the letter on a phone in elder mode; the number and query code."""
    page = _phone(browser)
    try:
        page.goto(live_site + "/hdjl/")
        _click(page, page.locator("a", has_text="长辈版").first)
        assert "elder" in (page.locator("body").get_attribute("class") or "")
        assert "网上咨询" in page.locator("main").inner_text()
        shot(page, "mailbox-phone-index", full_page=True)
        assert_accessible(page)
        _click(page, page.get_by_role("link", name="我要写信：网上咨询"))

        # 先查一查: the site's own search, before writing.
        precheck = page.locator("#precheck-form")
        precheck.locator("input[name=q]").fill("入学")
        _click(page, precheck.get_by_role("button", name="查一查"))
        results = page.locator("#precheck-results")
        assert "可能解答您的问题" in results.inner_text(), results.inner_text()
        assert results.locator("li").count() >= 1
        results.scroll_into_view_if_needed()
        shot(page, "mailbox-phone-precheck")
        assert_accessible(page)

        form = page.locator("#letter-form")
        assert form.locator("select[name=unit]").input_value() == ""  # 不确定，由政务公开办分办
        form.locator("select[name=category]").select_option(label="其他")
        form.locator("input[name=subject]").fill(SUBJECT)
        form.locator("textarea[name=body]").fill(BODY)
        form.locator("input[name=name]").fill("李秀兰")
        form.locator("input[name=phone]").fill(PHONE)
        form.locator("input[name=consent_publish]").check()
        form.locator("input[name=privacy]").check()
        shot(page, "mailbox-phone-form", full_page=True)
        # What the browser would send again (back + resubmit, a double tap): the same token.
        sent = page.evaluate(
            """() => Object.fromEntries([...new FormData(document.querySelector('#letter-form'))]
                .filter(([k, v]) => typeof v === 'string'))"""
        )
        action = live_site + str(form.get_attribute("action"))
        _click(page, form.get_by_role("button", name="提交来信"))

        assert page.locator("h1").inner_text().strip() == "来信已提交"
        number = page.locator("#receipt-number").inner_text().strip()
        code = page.locator("#query-code").inner_text().strip()
        assert re.fullmatch(r"XJ\d{4}-\d{6}", number), number
        assert code
        assert page.locator("#receipt-unit").inner_text().strip() == "由政务公开办分办"
        assert page.locator("#receipt-due").inner_text().strip() == _last(live_python(DUE))
        shot(page, "mailbox-phone-receipt", full_page=True)
        assert_accessible(page)

        again = page.request.post(action, form=sent)
        assert again.ok, again.status
        assert "回执已显示过" in again.text()  # the receipt is shown once, no second letter
        assert code not in again.text()
        assert _last(live_python(COUNT)) == "1"
        return number, code
    finally:
        page.context.close()


def _route_answer_review(browser: Any, live_site: str, number: str) -> None:
    office = staff_page(browser, live_site, "gongkaiban")
    try:
        office.goto(live_site + "/admin/mailbox/letters/?queue=1")
        assert number in office.locator("main").inner_text()
        _click(office, office.get_by_role("link", name=number))
        detail_url = str(office.url)
        main = office.locator("main").inner_text()
        assert "李秀兰" not in main and PHONE not in main  # the office reads masked
        assign = office.locator("form[aria-label=分办]")
        assign.locator("select[name=unit]").select_option(label="南昌市教育局")
        assert "已分办至南昌市教育局" in _submit(office, assign, "分办")
    finally:
        office.context.close()

    officer = staff_page(browser, live_site, "yishenqing")
    try:
        officer.goto(detail_url)
        assert PHONE in officer.locator("main").inner_text()  # the answering unit reads in full
        _click(officer, officer.get_by_role("link", name="起草答复"))
        officer.locator("textarea[name=answer_text]").fill(ANSWER)
        officer.locator("input[name=publish]").check()
        assert "答复已提交审核" in _submit(officer, officer.locator("main form"), "提交审核")
        assert officer.locator("#letter-status").inner_text().strip() == "答复审核中"
        href = officer.get_by_role("link", name="在页面编辑器中查看审核进度").get_attribute("href")
        [page_id] = re.findall(r"/pages/(\d+)/", str(href))
    finally:
        officer.context.close()

    sheet = f"{live_site}/admin/review/page/{page_id}/"
    reviewer = staff_page(browser, live_site, "shenhe")
    try:
        reviewer.goto(sheet)
        text = reviewer.locator("main").inner_text()
        assert ANSWER in text and PHONE not in text  # the question is masked before review
        shot(reviewer, "mailbox-review-sheet", full_page=True)
        _decide(reviewer, "approve", "无涉密、无个人信息")
    finally:
        reviewer.context.close()
    head = staff_page(browser, live_site, "fuzeren")
    try:
        head.goto(sheet)
        _decide(head, "approve", "同意发布")
        assert "内容已发布" in head.locator("body").inner_text()
        head.goto(detail_url)
        assert head.locator("#letter-status").inner_text().strip() == "已答复"
    finally:
        head.context.close()


def _track_and_rate(browser: Any, live_site: str, number: str, code: str) -> None:
    page = _phone(browser)
    try:
        page.goto(live_site + "/hdjl/")
        _click(page, page.locator("a", has_text="长辈版").first)
        _click(page, page.get_by_role("link", name="查询办理进度和答复"))
        page.locator("input[name=number]").fill(number)
        page.locator("input[name=code]").fill(code)
        shot(page, "mailbox-phone-track")
        _click(page, page.get_by_role("button", name="查询"))
        assert page.locator("#letter-status").inner_text().strip() == "已答复"
        assert ANSWER in page.locator("#answer").inner_text()
        rate = page.locator("#rate")
        rate.get_by_role("radio", name="满意", exact=True).check()
        rate.locator("textarea[name=comment]").fill(COMMENT)
        _click(page, rate.get_by_role("button", name="提交评价"))
        assert "感谢您的评价" in page.locator("main").inner_text()
        assert page.locator("#my-rating").inner_text().strip() == "满意"
        assert COMMENT in page.locator("#rate").inner_text()
        shot(page, "mailbox-phone-answer", full_page=True)
        assert_accessible(page)
    finally:
        page.context.close()


def _published(browser: Any, live_site: str, number: str) -> None:
    page = _phone(browser)
    try:
        api = json.loads(page.request.get(f"{live_site}/api/v1/letters?channel=consult").text())
        [row] = [r for r in api["results"] if r["number"] == number]
        assert row["organ"] == "南昌市教育局" and row["category"] == "其他"
        detail = json.loads(page.request.get(f"{live_site}/api/v1/letters/{row['id']}").text())
        question = detail["question"]
        assert PHONE not in question and "我家住在青山湖区" in question
        assert "操场在周六、周日" in detail["answer"]

        page.goto(live_site + "/hdjl/letters/")
        item = page.locator(".mailbox-letter-list li", has_text=row["title"])
        text = item.inner_text()
        assert PHONE not in text
        assert question in text  # the same masked text as the API
        shot(page, "mailbox-phone-letters", full_page=True)
        assert_accessible(page)

        _click(page, item.get_by_role("link", name=row["title"]))
        reply = page.locator("main").inner_text()
        assert question in reply and "操场在周六、周日" in reply
        assert PHONE not in reply and "李秀兰" not in reply
        shot(page, "mailbox-phone-reply", full_page=True)
        assert_accessible(page)
    finally:
        page.context.close()


def test_letter_from_form_to_published_answer_and_rating(browser: Any, live_site: str) -> None:
    number, code = _write(browser, live_site)
    _route_answer_review(browser, live_site, number)
    _track_and_rate(browser, live_site, number, code)
    _published(browser, live_site, number)
