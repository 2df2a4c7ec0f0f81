"""意见征集 as a citizen does it, on a phone in the 长辈版, in a real browser: the site-wide list
from the home page, an open consultation, a comment on one clause quoting a passage of it (one
mistake first: a passage not in the clause), the thank-you page; then a consultation whose
feedback is published, and its per-clause table and comparison. No JavaScript is needed on any
of these pages. Uses the demo's consultations (an open one and one with published feedback)."""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import live_python, shot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# The demo has an open consultation and one with published feedback; should either be missing
# (an older demo), the walk records one the way staff would, through the services.
ENSURE = """
import datetime as dt
from django.utils import timezone
from gongkai.library.publication import system_publication
from gongkai.organisations.models import Organisation
from gongkai.participation import selectors, services
from gongkai.participation.models import Comment, Disposition
today = timezone.localdate()
unit = Organisation.objects.filter(home_page__isnull=False).order_by("path").first()
draft = "第一条 为了规范城市停车管理，制定本办法。\\n第二条 本办法适用于本市行政区域内停车场的管理。\\n第三条 停车收费应当公开透明、合理定价。"
def make(title, opens, closes):
    page = services.consultation_create(
        actor=None, unit=unit, title=title, kind="other", draft_text=draft,
        opens_on=today + dt.timedelta(days=opens), closes_on=today + dt.timedelta(days=closes),
        contact="来信请寄：市政府法制办，邮编330038",
    )
    with system_publication("浏览器测试"):
        page.get_latest_revision().publish()
    return type(page).objects.get(pk=page.pk)
if not selectors.public_consultations(status="open").exists():
    make("关于《停车管理办法（征求意见稿）》公开征求意见的公告", -3, 30)
if not selectors.public_consultations(status="result").exists():
    page = make("关于《停车收费办法（征求意见稿）》公开征求意见的公告", -60, -20)
    clause = page.consulted_version().clauses.get(number="第三条")
    c = services.comment_submit(consultation=page, text="建议收费标准听证。", key="w1",
        clause=clause, consent_publish=True, today=page.opens_on).comment
    Comment.objects.filter(pk=c.pk).update(status="accepted", disposition=Disposition.ADOPTED)
    final = services.version_add(actor=None, consultation=page, label="正式文本", final=True,
        text=draft.replace("合理定价", "合理定价，实行听证"))
    feedback = services.feedback_draft(actor=None, consultation=page, final_version=final)
    with system_publication("浏览器测试"):
        feedback.get_latest_revision().publish()
"""


@pytest.fixture(scope="module")
def consultations(live_site: str) -> str:
    try:
        live_python(ENSURE)
    except subprocess.CalledProcessError as error:
        pytest.fail(f"setting up the consultations failed:\n{error.stderr}")
    return live_site


def _click(page: Any, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def test_phone_elder_mode_citizen_comments_on_a_clause(consultations: str, phone_page: Any) -> None:
    live_site, page = consultations, phone_page
    page.goto(live_site + "/")
    _click(page, page.locator("a", has_text="长辈版").first)
    assert "elder" in (page.locator("body").get_attribute("class") or "")
    _click(page, page.get_by_role("link", name="意见征集", exact=True).first)
    assert page.url.endswith("/yjzj/")
    assert page.locator("h1").inner_text() == "意见征集"
    shot(page, "consultation-phone-list", full_page=True)
    assert_accessible(page)

    _click(page, page.locator(".status-tabs").get_by_role("link", name="征集中"))
    assert "status=open" in page.url
    items = page.locator(".consultation-item")
    assert items.count() >= 1
    assert "征集中" in items.first.inner_text() and "剩余" in items.first.inner_text()
    _click(page, items.first.locator("h3 a"))

    # The consultation: status, days left, the draft clause by clause.
    main = page.locator("main").inner_text()
    for text in ("征集中", "剩余", "征求意见稿（逐条）", "书面意见提交方式"):
        assert text in main
    shot(page, "consultation-phone-page", full_page=True)
    assert_accessible(page)
    link = page.locator("a.clause-comment-link").first
    clause_id = (link.get_attribute("href") or "").split("clause=")[1].split("#")[0]
    _click(page, link)
    assert page.locator("#id_clause").input_value() == clause_id
    clause_text = page.locator(".chosen-clause blockquote").inner_text().strip()
    passage = clause_text.splitlines()[0][:8]
    assert passage

    # One mistake: a passage that is not in the chosen clause.
    page.fill("#id_passage", "本条没有的文字内容")
    page.fill("#id_text", "建议在本条中写明办理时限，方便群众监督。")
    _click(page, page.get_by_role("button", name="提交意见"))
    summary = page.locator(".error-summary")
    assert "所引文字不在所选条款中" in summary.inner_text()
    assert page.title().startswith("错误：")
    summary.scroll_into_view_if_needed()
    shot(page, "consultation-phone-error")
    assert_accessible(page)
    _click(page, summary.get_by_role("link").first)
    page.fill("#id_passage", passage)
    page.get_by_label("同意在本网站公开我的意见内容").check()
    shot(page, "consultation-phone-form", full_page=True)
    _click(page, page.get_by_role("button", name="提交意见"))

    assert re.search(r"/comment/thanks/(#.*)?$", page.url), page.url
    thanks = page.locator("main").inner_text()
    assert "感谢您提出意见" in thanks and "审核" in thanks
    shot(page, "consultation-phone-thanks")
    assert_accessible(page)


def test_published_feedback_shows_its_table_and_comparison(live_site: str, phone_page: Any) -> None:
    page = phone_page
    page.goto(live_site + "/elder/on/?next=/yjzj/%3Fstatus%3Dresult")
    assert "elder" in (page.locator("body").get_attribute("class") or "")
    items = page.locator(".consultation-item")
    assert items.count() >= 1
    assert "已公布采纳情况" in items.first.inner_text()
    _click(page, items.first.locator("h3 a"))
    _click(page, page.locator(".feedback-link a"))

    main = page.locator("main").inner_text()
    for text in ("逐条采纳情况", "采纳", "不予采纳", "最终文本与征求意见稿逐条对照"):
        assert text in main
    table = page.locator(".feedback-table")
    assert table.locator("tbody tr").count() >= 1
    shot(page, "consultation-phone-feedback", full_page=True)
    assert_accessible(page)


def test_questionnaire_shows_a_conditional_question_without_javascript(
    consultations: str, browser: Any
) -> None:
    context = browser.new_context(
        locale="zh-CN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        java_script_enabled=False,  # the form must work without it
    )
    page = context.new_page()
    try:
        page.goto(consultations + "/yjzj/?status=open")
        _click(page, page.locator(".consultation-item h3 a").first)
        link = page.get_by_role("link", name="填写调查问卷")
        if link.count() == 0:
            pytest.skip("the open consultation has no questionnaire")
        _click(page, link)
        conditional = page.locator(".q[data-show-if]").first
        number = (conditional.get_attribute("id") or "").removeprefix("q-")
        assert not conditional.is_visible()  # hidden until the answer it depends on
        for question in page.locator(".q").all():
            radios = question.locator("input[type=radio]")
            if question.is_visible() and radios.count():
                radios.first.check()
        page.locator(f"input.reveal-{number}").first.check()
        assert conditional.is_visible()
        shot(page, "consultation-phone-questionnaire", full_page=True)
        _click(page, page.get_by_role("button", name="提交问卷"))
        assert re.search(r"/questionnaire/thanks/$", page.url), page.url
        assert "问卷已提交" in page.locator("main").inner_text()
    finally:
        context.close()
