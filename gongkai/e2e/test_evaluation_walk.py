"""政策落实结果评价 from the project to the policy's page, in a real browser: the education
bureau's editor (bianji) creates an evaluation of one of its policies and its survey and submits
it; the reviewer (shenhe) passes it and the head (fuzeren) signs it (先审后发); a citizen on a
phone answers the survey; the editor writes the findings and the conclusion (修订完善) and
submits them; the reviewer and the head publish them; the policy's public page links the
evaluation with its conclusion. Screenshots evaluation-*.png."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import live_python, shot, staff_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# A live policy of the education bureau that the demo did not evaluate, and today's date on
# the server's calendar (the survey opens today).
PREPARE = """
from django.utils import timezone
from gongkai.library.models import PolicyDocumentPage
from gongkai.evaluation.models import PolicyEvaluationPage
taken = PolicyEvaluationPage.objects.values("policy_id")
policy = (PolicyDocumentPage.objects.live().filter(organisation__slug="jyj")
          .exclude(pk__in=taken).order_by("-pk").first())
print("|".join([str(policy.pk), timezone.localdate().isoformat(), policy.url or "", policy.title]))
"""
REASONS = "课后服务总体效果良好，但收费标准表述不够明确，需要修订完善"


def _click(page: Any, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def _review(browser: Any, live_site: str, page_id: int) -> None:
    """保密审查 by the reviewer, 签发 by the head, on the review sheet."""
    sheet = f"{live_site}/admin/review/page/{page_id}/"
    for username, comment in (("shenhe", "无涉密、无个人信息"), ("fuzeren", "同意发布")):
        staff = staff_page(browser, live_site, username)
        staff.goto(sheet)
        form = staff.locator("form:has(input[name=action][value=approve])")
        form.locator("textarea[name=comment]").fill(comment)
        _click(staff, form.locator("button[type=submit]"))
        if username == "fuzeren":
            assert "内容已发布" in staff.locator("body").inner_text()
        staff.context.close()


def _create_project(browser: Any, live_site: str, policy_id: str, today: str) -> tuple[Any, int]:
    # The editor creates the project for the policy and its survey, and submits it.
    editor = staff_page(browser, live_site, "bianji")
    editor.goto(live_site + "/admin/evaluations/")
    _click(editor, editor.get_by_role("link", name="新建政策评价"))
    editor.select_option("#id_policy", policy_id)
    editor.fill("#id_method", "问卷调查、座谈会")
    editor.fill("#id_survey_opens_on", today)
    editor.fill("#id_survey_closes_on", "2099-12-31")
    _click(editor, editor.get_by_role("button", name="新建", exact=True))
    assert "/survey/" in editor.url
    editor.select_option("#id_q-0-kind", "single")
    editor.fill("#id_q-0-text", "您是否了解该政策？")
    editor.fill("#id_q-0-options", "了解\n不了解")
    editor.check("#id_q-0-required")
    editor.select_option("#id_q-1-kind", "scale")
    editor.fill("#id_q-1-text", "您对政策实施效果的满意程度")
    editor.select_option("#id_q-2-kind", "text")
    editor.fill("#id_q-2-text", "您的意见建议")
    shot(editor, "evaluation-survey-edit", full_page=True)
    _click(editor, editor.get_by_role("button", name="保存问卷"))
    assert "问卷已保存" in editor.locator("body").inner_text()
    found = re.search(r"/admin/evaluations/(\d+)/", editor.url)
    assert found is not None, editor.url
    page_id = int(found.group(1))
    _click(editor, editor.locator("#submit-review"))
    assert "已提交审核" in editor.locator("body").inner_text()
    return editor, page_id


def _answer_on_a_phone(browser: Any, live_site: str, policy_title: str) -> tuple[Any, str]:
    # A citizen on a phone finds the evaluation and answers the survey.
    citizen = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()
    citizen.goto(live_site + "/zcpj/")
    title_link = citizen.get_by_role("link", name=f"《{policy_title}》政策落实情况评价")
    _click(citizen, title_link)
    evaluation_url = citizen.url
    _click(citizen, citizen.get_by_role("link", name="填写评价调查问卷"))
    assert_accessible(citizen)
    citizen.get_by_label("了解", exact=True).check()
    citizen.get_by_label("4分").check()
    citizen.fill("#id_q3", "希望明确收费标准")
    shot(citizen, "evaluation-survey-phone", full_page=True)
    _click(citizen, citizen.get_by_role("button", name="提交问卷"))
    assert "感谢您填写问卷" in citizen.locator("h1").inner_text()

    return citizen, evaluation_url


def _conclude(editor: Any, live_site: str, page_id: int) -> None:
    # The editor sees the result, writes the findings and the conclusion, and submits.
    editor.goto(f"{live_site}/admin/evaluations/{page_id}/")
    assert "希望明确收费标准" in editor.locator("main").inner_text()
    _click(editor, editor.get_by_role("link", name="评价发现和结论"))
    editor.fill("#id_standards", "各学校按规定程序组织实施")
    editor.fill("#id_scope", "覆盖全市公办中小学")
    editor.fill("#id_effect", "受访家长总体满意")
    editor.fill("#id_problems", "收费标准表述不够明确")
    editor.select_option("#id_conclusion", "revise")
    editor.fill("#id_reasons", REASONS)
    editor.fill("#id_measures", "年内完成修订，明确收费标准")
    _click(editor, editor.get_by_role("button", name="保存", exact=True))
    _click(editor, editor.locator("#submit-review"))
    shot(editor, "evaluation-staff-detail", full_page=True)


def test_evaluation_from_project_to_the_policy_page(browser: Any, live_site: str) -> None:
    line = live_python(PREPARE).strip().splitlines()[-1]
    policy_id, today, policy_url, policy_title = line.split("|", 3)
    policy_path = urlparse(policy_url).path

    editor, page_id = _create_project(browser, live_site, policy_id, today)
    _review(browser, live_site, page_id)
    citizen, evaluation_url = _answer_on_a_phone(browser, live_site, policy_title)
    _conclude(editor, live_site, page_id)
    _review(browser, live_site, page_id)

    # The policy's public page links the evaluation and says its conclusion.
    citizen.goto(live_site + policy_path)
    section = citizen.locator("section#rel-evaluation, section[aria-labelledby=rel-evaluation]")
    text = section.inner_text()
    assert "评价结论：修订完善" in text, text
    _click(citizen, section.get_by_role("link").first)
    assert urlparse(citizen.url).path == urlparse(evaluation_url).path
    main = citizen.locator("main").inner_text()
    for expected in ("修订完善", REASONS, "共收到答卷 1 份", "收费标准表述不够明确"):
        assert expected in main, expected
    assert "希望明确收费标准" not in main  # text answers are not published
    shot(citizen, "evaluation-public", full_page=True)
    assert_accessible(citizen)
    for p in (editor, citizen):
        p.context.close()
