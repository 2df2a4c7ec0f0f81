"""The unit's editor, reviewer and head in a real browser (issue 12): the editor (bianji,
市教育局) writes a 重大政策 and drafts its interpretation from it, submits both; the reviewer
(shenhe) passes both at 保密审查; the head (fuzeren) signs both together; the citizen sees both
live. Screenshots editor-*.png (docs/guide/editor.md)."""

from __future__ import annotations

import io
import random
import re
from typing import Any

import pytest

from gongkai.e2e.axe import WCAG_TAGS, axe_script
from gongkai.e2e.conftest import live_python, shot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "gongkai-demo"  # noqa: S105 - the demo accounts' published password


def _shell(code: str) -> str:
    """An operator's read of the live server's database (ids and addresses)."""
    return live_python(code).strip().splitlines()[-1]


def _own_violations(page: Any, selector: str = "#main") -> list[str]:
    """Serious WCAG 2.1 A/AA violations inside our own templates' part of an admin page (the
    rest is Wagtail's)."""
    page.evaluate(axe_script())
    result = page.evaluate(
        "([sel, tags]) => axe.run({include: [[sel]]}, {runOnly: {type: 'tag', values: tags}})",
        [selector, WCAG_TAGS],
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _click(page: Any, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def _login(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    _click(page, page.locator("form button[type=submit]").first)
    assert re.search(r"/admin/$", page.url), page.url


def _header_link(page: Any, name: str) -> None:
    """A button of the page header's "more" menu (the dots beside the breadcrumbs)."""
    link = page.get_by_role("link", name=name).first
    if not link.is_visible():
        page.locator("#w-slim-header-buttons button").first.click()
    _click(page, link)


def _action(page: Any, name: str) -> None:
    """A button of the edit page's action menu (the footer's dropdown), as the user clicks it."""
    button = page.locator(f'footer button[name="{name}"]').first
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    _click(page, button)


def _workflow_action(page: Any, label: str, comment: str) -> None:
    """A review step's action from the edit page's action menu: its dialog, a comment, go."""
    button = page.locator("footer button", has_text=label).first
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    button.click()
    dialog = page.locator(".modal-content, [role=dialog]").filter(has=page.locator("textarea"))
    dialog.locator("textarea").first.fill(comment)
    with page.expect_navigation():
        dialog.locator("button[type=submit], input[type=submit]").first.click()


ATTACHMENT = "附件1：读书月活动实施方案"


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _write_policy(page: Any, base: str, title: str) -> str:
    """The editor writes the 重大政策; returns its page id."""
    column = _shell(
        "from gongkai.library.models import ColumnPage, UnitPage;"
        "u = UnitPage.objects.get(organisation__slug='jyj');"
        "print(ColumnPage.objects.descendant_of(u).get(column='policy').pk)"
    )
    _login(page, base, "bianji")
    page.goto(f"{base}/admin/pages/add/library/policydocumentpage/{column}/")
    issuer = page.locator('select[name="issuers-0-organisation"]')
    assert issuer.locator("option:checked").inner_text() == "南昌市教育局"  # pre-filled
    assert page.locator('input[name="slug"]').count() == 0  # the address is the 索引号
    page.fill('input[name="title"]', title)
    page.select_option('select[name="doc_type"]', "normative")
    page.fill('input[name="written_on"]', "2026-06-01")
    topic = page.locator('select[name="topic"] optgroup').first
    assert topic.get_attribute("label")  # topics come grouped by their category
    page.select_option('select[name="topic"]', topic.locator("option").first.get_attribute("value"))
    page.check('input[name="is_major"]')
    page.locator('input[name="title"]').scroll_into_view_if_needed()
    shot(page, "editor-policy-form")
    services = page.locator("fieldset.grouped-checkboxes__group").first
    assert services.locator("legend").inner_text() == "南昌市教育局"  # own unit's services first
    services.locator('input[type="checkbox"]').first.check()
    shot(page, "editor-policy-services")
    # One attachment in one step: the 添加 button (started by core/admin-init.js under the
    # CSP), the file, and the name the public sees.
    page.locator("#id_attachments-ADD").click()
    page.locator('input[name="attachments-0-title"]').wait_for()
    page.fill('input[name="attachments-0-title"]', ATTACHMENT)
    page.set_input_files(
        'input[name="attachments-0-upload"]',
        files=[{"name": "fangan-v3.pdf", "mimeType": "application/pdf", "buffer": _pdf()}],
    )
    _click(page, page.locator("footer button.action-save").first)  # 保存草稿
    found = re.search(r"/admin/pages/(\d+)/edit/", page.url)
    assert found, page.url
    return found.group(1)


def _draft_interpretation(page: Any, base: str, title: str, policy_id: str) -> str:
    """… drafts its interpretation from it and submits both; returns the interpretation's id."""
    _header_link(page, "起草解读")
    assert _own_violations(page, ".nice-padding") == []
    _click(page, page.locator("main form button[type=submit]", has_text="起草解读"))
    assert "已起草解读" in page.locator("body").inner_text()
    assert page.locator('input[name="title"]').input_value() == f"《{title}》解读"
    shot(page, "editor-interpretation-drafted")
    found = re.search(r"/admin/pages/(\d+)/edit/", page.url)
    assert found, page.url
    _action(page, "action-submit")
    page.goto(f"{base}/admin/pages/{policy_id}/edit/")
    _action(page, "action-submit")
    return found.group(1)


def _sign_together(page: Any, base: str, title: str, policy_id: str) -> None:
    _login(page, base, "fuzeren")
    page.goto(f"{base}/admin/pages/{policy_id}/edit/")
    _header_link(page, "一并签发（文件及解读）")
    body = page.locator("main").inner_text()
    assert "须与其政策解读同步发布" in body
    assert f"《{title}》解读" in body
    assert _own_violations(page, ".nice-padding") == []
    shot(page, "editor-sign-together")
    page.fill('textarea[name="comment"]', "同意发布")
    _click(page, page.locator("main form button[type=submit]"))
    assert "已签发并发布" in page.locator("body").inner_text()
    shot(page, "editor-signed")


def test_editor_reviewer_head_publish_a_major_policy_with_its_interpretation(
    live_site: str, page: Any, browser: Any
) -> None:
    serial = random.randint(100, 999)  # noqa: S311 - a distinct title, not a secret
    title = f"南昌市教育局关于开展第{serial}期校园读书月活动的实施意见"

    policy_id = _write_policy(page, live_site, title)
    interp_id = _draft_interpretation(page, live_site, title, policy_id)

    # The reviewer passes both at 保密审查.
    _login(page, live_site, "shenhe")
    for pk in (interp_id, policy_id):
        page.goto(f"{live_site}/admin/pages/{pk}/edit/")
        _workflow_action(page, "审查通过", "无涉密内容，无个人信息")

    _sign_together(page, live_site, title, policy_id)

    # The citizen sees both.
    url = _shell(
        f"from wagtail.models import Page; print(Page.objects.get(pk={policy_id}).specific.url)"
    )
    citizen = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        public = citizen.new_page()
        public.goto(live_site + url)
        assert public.locator("h1").inner_text() == title
        # The attachment under its public name, served now that a live page uses it.
        attachment = public.locator("main a", has_text=ATTACHMENT).first
        href = attachment.get_attribute("href") or ""
        download = public.request.get(live_site + href if href.startswith("/") else href)
        assert download.status == 200 and download.body().startswith(b"%PDF")
        _click(public, public.locator("a", has_text=f"《{title}》解读").first)
        assert f"《{title}》解读" in public.locator("h1").inner_text()
        shot(public, "editor-citizen-sees-interpretation")
    finally:
        citizen.close()
