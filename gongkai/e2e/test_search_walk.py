"""A citizen looks for a policy by typing words without spaces (就业补贴), on a desktop and on a
phone: the results say which kind of match they are, come before the filters (the first one on
the phone's first screen), and the policy's metadata is readable at 390 px. axe-core on every
page; screenshots search-*."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gongkai.e2e.axe import assert_accessible
from gongkai.e2e.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

QUERY = "就业补贴"
NOTE = re.compile(
    r"以下是包含“就业补贴”的结果|以下是包含“就业”“补贴”全部词语的结果|以下是包含“(就业|补贴)”的结果"
)


def _search_from_the_header(page: Any, live_site: str) -> None:
    page.goto(live_site + "/")
    box = page.locator("header form[role=search] input[name=q]")
    box.fill(QUERY)
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/" in page.url


def test_search_without_spaces_on_a_desktop(live_site: str, page: Any) -> None:
    _search_from_the_header(page, live_site)
    # Nobody types 就业 补贴 with a space: the page says which kind of match it found.
    note = page.locator(".match-note")
    assert NOTE.search(note.inner_text()), note.inner_text()
    assert page.locator(".result").count() > 0
    assert "<mark>就业</mark>" in page.content() or "<mark>就业补贴</mark>" in page.content()
    # Both boxes hold the query; the page's box is large, with a visible label.
    assert page.locator("#site-search-q").input_value() == QUERY
    assert page.locator("#id_q").input_value() == QUERY
    assert page.locator("label[for=id_q]").is_visible()
    assert page.locator("#id_q").bounding_box()["height"] >= 44
    # The results come first; the filters beside them, newest year first.
    first, facets = page.locator(".result").first.bounding_box(), page.locator(".facets")
    assert facets.bounding_box()["x"] > first["x"]
    years = [
        int(y)
        for y in re.findall(
            r"(\d{4})（", page.locator(".facet", has_text="年份").locator("ul").inner_text()
        )
    ]
    assert years == sorted(years, reverse=True), years
    assert_accessible(page)
    shot(page, "search-results")

    # A search that finds nothing says so plainly: no numbered item, no "第 1 / 1 页".
    page.goto(live_site + "/search/?q=zzqxv")
    assert page.locator(".no-results").inner_text().startswith("没有找到相关内容")
    assert page.locator(".result").count() == 0 and page.locator(".pager").count() == 0
    assert_accessible(page)
    shot(page, "search-empty")


def test_search_on_a_phone_and_read_the_policy(live_site: str, phone_page: Any) -> None:
    page = phone_page
    height = page.viewport_size["height"]
    _search_from_the_header(page, live_site)
    assert NOTE.search(page.locator(".match-note").inner_text())
    first = page.locator(".result").first.bounding_box()
    assert first["y"] < height, f"the first result starts at {first['y']} px"
    facets = page.locator(".facets").bounding_box()
    assert facets["y"] > first["y"]  # the filters follow the results
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    shot(page, "search-phone-results")

    # The policy library lists its documents on the first screen too.
    page.goto(live_site + "/zcwjk/")
    assert page.locator(".result").first.bounding_box()["y"] < height
    shot(page, "search-phone-library")

    # Open a policy: the metadata table stacks, each label above its value.
    page.goto(live_site + "/search/?q=" + QUERY)
    link = page.locator(".result h3 a[href*='/zcwj/']").first
    with page.expect_navigation():
        link.click()
    label = page.locator(".meta-table th", has_text="索引号")
    value = label.locator("xpath=following-sibling::td[1]")
    number = value.inner_text().strip()
    assert re.search(r"/\d{4}-\d{5}$", number), number
    label_box, value_box = label.bounding_box(), value.bounding_box()
    assert value_box["y"] >= label_box["y"] + label_box["height"] - 1  # below its label
    assert value_box["width"] > 300  # the whole width, not one character a line
    assert value_box["height"] < 80, value_box  # one or two lines
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    shot(page, "search-phone-policy")
