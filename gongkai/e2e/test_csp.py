"""The Content-Security-Policy in a real browser: no page the walks reach is broken by it.

Chromium reports every blocked script, style or image as a ``securitypolicyviolation`` event;
the public pages must raise none under their strict policy (scripts and styles only from our
origin), and the Wagtail admin none under the same policy (gongkai/accounts/csp.py). Also:
the second-factor enrolment page renders its QR code."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gongkai.e2e.conftest import live_python

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "gongkai-demo"  # noqa: S105 - the demo accounts' published password
WATCH = """() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
}"""


def _first_policy_id() -> int:
    """A policy document of the live server's demo city (the admin API cannot filter by type)."""
    return int(
        live_python(
            "from gongkai.library.models import PolicyDocumentPage;"
            "print(PolicyDocumentPage.objects.order_by('pk').values_list('pk', flat=True)[0])"
        ).split()[-1]
    )


def _visit(page: Any, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    return page.evaluate("window.__csp || []")


def test_public_pages_raise_no_policy_violation(page: Any, live_site: str) -> None:
    page.add_init_script(WATCH)
    page.goto(live_site + "/zcwjk/")
    policy_link = page.locator("main a[href*='/zcwjk/'], main a[href*='/zcwj/']").first
    pages = ["/", "/zcwjk/", "/xxgk/", "/search/?q=教育", "/ysqgk/", "/no-such-page/"]
    href = policy_link.get_attribute("href") if policy_link.count() else None
    if href:
        pages.append(href)
    problems = {}
    for path in pages:
        found = _visit(page, path if path.startswith("http") else live_site + path)
        if found:
            problems[path] = found
    assert not problems, problems
    header = page.request.get(live_site + "/").headers["content-security-policy"]
    assert "script-src 'self'" in header


def test_admin_pages_raise_no_policy_violation(browser: Any, live_site: str) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    staff = context.new_page()
    staff.add_init_script(WATCH)
    staff.goto(live_site + "/admin/login/")
    staff.fill("input[name=username]", "admin")
    staff.fill("input[name=password]", PASSWORD)
    staff.locator("form button[type=submit]").first.click()
    staff.wait_for_url(re.compile(r"/admin/$"))
    problems = {}
    for path in [
        "/admin/",
        "/admin/pages/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/account/",
    ]:
        found = _visit(staff, live_site + path)
        if found:
            problems[path] = found
    # The page editor of a policy document (Draftail, choosers, date pickers, inline panels):
    # no violation, and the widgets whose inline start-up scripts the policy refuses do work
    # (core/admin-init.js starts them): the "add" button of an inline panel adds a form.
    found = _visit(staff, f"{live_site}/admin/pages/{_first_policy_id()}/edit/")
    staff.locator(".Draftail-Editor").first.wait_for(timeout=10000)
    if found:
        problems["editor"] = found
    total = staff.locator("input[name$='-TOTAL_FORMS']").first
    prefix = (total.get_attribute("name") or "").removesuffix("-TOTAL_FORMS")
    before = int(total.input_value())
    staff.locator(f"#id_{prefix}-ADD").click()
    staff.wait_for_function(
        f"() => document.querySelector('input[name=\"{prefix}-TOTAL_FORMS\"]').value == '{before + 1}'",
        timeout=10000,
    )
    found = _visit(staff, live_site + "/admin/2fa/setup/")
    assert staff.locator(".otp-qr svg").count() == 1
    if found:
        problems["2fa"] = found
    context.close()
    assert not problems, problems
