"""来信办理 by staff in Chromium (issue 15): the city's disclosure office (gongkaiban) finds a
letter in the routing queue and assigns it to 市教育局; the bureau's disclosure officer
(yishenqing) sees the writer in full, drafts the answer and submits it to review; after the
review's steps the letter is 已答复 and its public page shows the question masked. Screenshots
mailbox-staff-*.png when GONGKAI_E2E_SHOTS is set."""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import live_python, shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NUMBER = "E2E-2026-000001"

# The walk's own letter, unrouted, as the public form leaves one that names no unit.
ENSURE = f"""
from django.utils import timezone
from gongkai.mailbox import periods
from gongkai.mailbox.models import Letter
today = timezone.localdate()
if not Letter.objects.filter(number="{NUMBER}").exists():
    Letter.objects.create(
        channel="consult", year=today.year, serial=990001, number="{NUMBER}",
        subject="关于小学入学报名时间的咨询",
        body="我是王小红，孩子今年满六周岁，请问小学入学报名什么时候开始？我的电话13907917777。",
        name="王小红", phone="13907917777", consent_publish=True,
        received_on=today, due_on=periods.due_on("consult", today),
    )
"""

APPROVE = f"""
from django.contrib.auth import get_user_model
from gongkai.mailbox.models import LetterReplyPage
from gongkai.testing import take_step
users = get_user_model().objects
page = LetterReplyPage.objects.get(letter__number="{NUMBER}")
take_step(page, users.get(username="shenhe"), "approve", "无涉密、无个人信息")
take_step(page, users.get(username="fuzeren"), "approve", "同意发布")
print(LetterReplyPage.objects.get(pk=page.pk).url)
"""


def _submit(staff: Any, form: Any, button: str) -> str:
    with staff.expect_navigation():
        form.get_by_role("button", name=button).click()
    return str(staff.locator("body").inner_text())


def test_route_answer_review_publish(live_site: str, browser: Any, page: Any) -> None:
    try:
        live_python(ENSURE)
    except subprocess.CalledProcessError as error:
        pytest.fail(f"setting up the letter failed:\n{error.stderr}")

    office = staff_page(browser, live_site, "gongkaiban")
    try:
        office.goto(live_site + "/admin/mailbox/letters/?queue=1")
        assert NUMBER in office.locator("main").inner_text()
        assert_accessible(office)
        shot(office, "mailbox-staff-queue", full_page=True)
        with office.expect_navigation():
            office.get_by_role("link", name=NUMBER).click()
        detail_url = str(office.url)
        assert "王小红" not in office.locator("main").inner_text()  # the office reads masked
        assign = office.locator("form[aria-label=分办]")
        assign.locator("select[name=unit]").select_option(label="南昌市教育局")
        assert "已分办至南昌市教育局" in _submit(office, assign, "分办")
    finally:
        office.context.close()

    officer = staff_page(browser, live_site, "yishenqing")
    try:
        officer.goto(detail_url)
        main = officer.locator("main").inner_text()
        assert "王小红" in main and "13907917777" in main and "剩余" in main
        assert_accessible(officer)
        shot(officer, "mailbox-staff-detail", full_page=True)
        with officer.expect_navigation():
            officer.get_by_role("link", name="起草答复").click()
        officer.locator("textarea[name=answer_text]").fill(
            "您好：今年小学入学网上报名时间为7月1日至7月10日，详见市教育局网站通知。"
        )
        officer.locator("input[name=publish]").check()
        shot(officer, "mailbox-staff-answer", full_page=True)
        body = _submit(officer, officer.locator("main form"), "提交审核")
        assert "答复已提交审核" in body
        assert officer.locator("#letter-status").inner_text().strip() == "答复审核中"

        url = live_python(APPROVE).strip().splitlines()[-1]
        officer.goto(detail_url)
        assert officer.locator("#letter-status").inner_text().strip() == "已答复"
    finally:
        officer.context.close()

    page.goto(live_site + re.sub(r"^https?://[^/]+", "", url))
    text = page.locator("main").inner_text()
    assert "7月1日至7月10日" in text
    assert "王小红" not in text and "13907917777" not in text
    assert_accessible(page)
    shot(page, "mailbox-staff-public-reply", full_page=True)
