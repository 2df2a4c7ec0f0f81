"""A citizen's walk through the portal in a real browser, with axe-core on every page:
home → search 就业 → filter → a policy → its interpretation → a related service; elder mode;
keyboard only."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gongkai.e2e.axe import serious_violations

# One worker runs them all, against one server.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _no_serious_violations(page: Any) -> None:
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def test_search_filter_policy_interpretation_service(live_site: str, page: Any) -> None:
    page.goto(live_site + "/")
    assert page.locator("h1").count() == 1
    _no_serious_violations(page)

    search = page.locator("header form[role=search] input[name=q]")
    search.fill("就业")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?.*q=%E5%B0%B1%E4%B8%9A"))
    assert "<mark>就业</mark>" in page.content()
    _no_serious_violations(page)

    # A filter value with its count narrows the results and is shown as applied.
    year_link = page.locator(".facet", has_text="年份").locator("a").first
    year_text = year_link.inner_text()
    year_link.click()
    page.wait_for_url(re.compile(r"year=\d{4}"))
    assert (
        page.locator(".facet [aria-current=true]", has_text=year_text.split("（")[0]).count() == 1
    )

    # Open the first policy that comes with an interpretation (政策+解读+办事).
    policy_urls = [
        a.get_attribute("href")
        for a in page.locator(".result h3 a").all()
        if "/zcwj/" in (a.get_attribute("href") or "")
    ]
    assert policy_urls, "no policy among the results"
    for url in policy_urls:
        page.goto(live_site + url)
        if page.locator("section[aria-labelledby=interp] a").count():
            break
    else:
        pytest.fail("no result policy with an interpretation in the demo data")
    assert page.locator("table.meta-table", has_text="索引号").count() == 1
    _no_serious_violations(page)
    policy_title = page.locator("h1").inner_text()

    page.locator("section[aria-labelledby=interp] a").first.click()
    page.wait_for_load_state()
    assert "/zcjd/" in page.url
    assert page.locator("a", has_text=policy_title).count() >= 1  # it links back
    _no_serious_violations(page)

    page.locator("a", has_text=policy_title).first.click()
    page.wait_for_load_state()
    service = page.locator("section[aria-labelledby=svc] a").first
    href = service.get_attribute("href")
    assert href and href.startswith("https://")  # the service hall's page for the item


def test_elder_mode_is_remembered_and_accessible(live_site: str, page: Any) -> None:
    page.goto(live_site + "/zcwjk/")
    page.locator("a, button", has_text="长辈版").first.click()
    page.wait_for_load_state()
    assert "elder" in (page.locator("body").get_attribute("class") or "")
    page.goto(live_site + "/xxgk/")  # remembered on the next page
    assert "elder" in (page.locator("body").get_attribute("class") or "")
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)"
    )
    assert size >= 24  # ≥ 18 pt
    _no_serious_violations(page)


def test_keyboard_only(live_site: str, page: Any) -> None:
    page.goto(live_site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert "跳到正文" in focused  # the skip link comes first
    page.keyboard.press("Enter")
    # Tab on to the search box and search without a mouse.
    for _ in range(80):  # past the home page's links (issue 15 added the 互动交流 section)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    else:
        pytest.fail("the search box cannot be reached with the keyboard")
    page.keyboard.type("医保")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/"))
    outline = page.evaluate(
        "(() => { const a = document.querySelector('main a'); a.focus();"
        " const s = getComputedStyle(a); return s.outlineStyle + ' ' + s.outlineWidth; })()"
    )
    assert not outline.startswith("none"), outline  # focus is visible
