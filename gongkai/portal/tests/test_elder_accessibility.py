"""长辈版 (elder-friendly mode) and the accessibility basics of every public page: language,
landmarks, one h1, skip link, the 长辈版 switch and the 找错 entry with the page's address."""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from gongkai.library import services as library
from gongkai.library.models import ColumnType
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_elder_on_sets_the_cookie_and_returns_to_the_page(client: Client) -> None:
    response = client.get("/elder/on", {"next": "/zcwjk/?page=2"})

    assert response.status_code == 302
    assert response["Location"] == "/zcwjk/?page=2"
    cookie = response.cookies["gk_elder"]
    assert cookie.value == "1"
    assert int(cookie["max-age"]) >= 30 * 24 * 3600
    assert cookie["samesite"] == "Lax"


def test_elder_off_removes_the_cookie(client: Client) -> None:
    client.cookies["gk_elder"] = "1"

    response = client.get("/elder/off/", {"next": "/xxgk/"})

    assert response.status_code == 302
    assert response["Location"] == "/xxgk/"
    assert response.cookies["gk_elder"].value == ""
    assert int(response.cookies["gk_elder"]["max-age"]) == 0


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example.com/",
        "//evil.example.com/",
        "/\\evil.example.com",
        "http://testserver.evil.example.com/",
        "javascript:alert(1)",
        "",
    ],
)
def test_elder_switch_refuses_to_leave_the_site(client: Client, next_url: str) -> None:
    response = client.get("/elder/on", {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["gk_elder"].value == "1"


def test_elder_switch_accepts_an_absolute_address_on_this_site(client: Client) -> None:
    response = client.get("/elder/on", {"next": "http://testserver/xxgk/"})

    assert response["Location"] == "http://testserver/xxgk/"


def test_body_is_elder_when_the_cookie_is_set(client: Client, city: Any) -> None:
    policy = make_policy(city.a, title="南昌市教育局关于长辈版测试的通知")

    plain = html_of(client, policy.url)
    client.cookies["gk_elder"] = "1"
    elder = html_of(client, policy.url)

    assert "<body>" in plain
    assert 'class="read-aloud"' not in plain
    assert "read-aloud.js" not in plain
    assert '<body class="elder">' in elder
    # The read-aloud button starts hidden; the script shows it when speechSynthesis exists.
    assert re.search(r'<button type="button" class="read-aloud" hidden>朗读正文</button>', elder)
    assert re.search(r'<script src="/static/portal/read-aloud\.js" defer></script>', elder)
    assert f'href="/elder/off?next={quote(policy.url, safe="")}"' in elder
    assert "退出长辈版" in elder


def test_every_page_offers_the_elder_switch_and_the_error_report_entry(
    client: Client, city: Any
) -> None:
    policy = make_policy(city.a, title="南昌市教育局关于入口测试的通知")
    column = library.column_of(city.a, ColumnType.POLICY)

    for url in [
        "/",
        "/zcwjk/",
        "/xxgk/",
        city.a.unit_page.url,
        column.url,
        policy.url,
        "/zhaocuo/",
    ]:
        html = html_of(client, url)
        here = quote(url, safe="")
        assert f'href="/elder/on?next={here}"' in html, url
        report_href = f"/zhaocuo/?url={here}"
        assert f'href="{report_href}"' in html, url
        assert "我为政府网站找错" in html, url


def test_public_pages_have_landmarks_one_h1_and_a_skip_link(client: Client, city: Any) -> None:
    policy = make_policy(city.a, title="南昌市教育局关于无障碍测试的通知")
    pages = [
        "/",
        "/zcwjk/",
        "/xxgk/",
        city.a.unit_page.url,
        policy.url,
        "/zhaocuo/",
        "/yjzj/",
        "/ysqgk/",
        f"/ysqgk/apply/{city.a.slug}/",
        "/ysqgk/track/",
    ]

    for url in pages:
        html = html_of(client, url)
        assert '<html lang="zh-Hans">' in html, url
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
            assert html.count(landmark) >= 1, (url, landmark)
        assert html.count("<main") == 1, url
        assert '<a class="skip-link" href="#main">' in html, url
        assert 'aria-label="主导航"' in html, url
        assert '<form class="site-search" role="search" aria-label="全站搜索"' in html, url
        assert '<label class="visually-hidden" for="site-search-q">全站搜索</label>' in html, url


def test_error_report_form_controls_are_labelled(client: Client) -> None:
    html = html_of(client, "/zhaocuo/")

    start = html.index('<form method="post"')
    form = html[start : html.index("</form>", start)]
    for control in re.findall(r"<(?:input|textarea|select)\b[^>]*>", form):
        if 'type="hidden"' in control:
            continue
        control_id = re.search(r'id="([^"]+)"', control)
        assert control_id is not None, control
        assert f'for="{control_id.group(1)}"' in form, control
    assert "<fieldset" in form
    assert "<legend>问题类型" in form


def test_main_navigation_marks_the_current_section(client: Client, city: Any) -> None:
    html = html_of(client, city.a.unit_page.url)

    nav = html[html.index('aria-label="主导航"') :]
    nav = nav[: nav.index("</nav>")]
    assert '<a href="/xxgk/" aria-current="true">' in nav
    assert unescape('<a href="/zcwjk/">') in nav
