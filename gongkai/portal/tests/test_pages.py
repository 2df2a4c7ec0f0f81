"""The public site: every page type renders, with the 政府网站发展指引 meta tags, the policy
metadata table, the links between policies, interpretations and services, and nothing that is
not public (drafts, interpretations ahead of their policy)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from gongkai.library import services as library
from gongkai.library.models import (
    ColumnType,
    DisclosureGuidePage,
    InterpretationPage,
    PolicyDocumentPage,
    StatutoryContentPage,
)
from gongkai.library.validity import RelationKind, Validity
from gongkai.servicecatalog.models import ServiceItem, ServiceKind
from gongkai.testing import make_policy, publish_directly

POLICY_TITLE = "南昌市教育局关于做好2026年中小学校园安全工作的通知"


@pytest.fixture
def site(city: SimpleNamespace) -> SimpleNamespace:
    """A small city with one published policy, its interpretation and a linked service."""
    service = ServiceItem.objects.create(
        name="义务教育阶段学生转学申请",
        code="360100-GG-001",
        organisation=city.a,
        kind=ServiceKind.PUBLIC_SERVICE,
        url="https://zwfw.example.gov.cn/item/360100-GG-001",
    )
    policy = make_policy(
        city.a,
        title=POLICY_TITLE,
        doc_number="洪教字〔2026〕7号",
        keywords="校园安全",
        services=[service],
    )
    interpretation = library.interpretation_save(
        actor=None,
        unit=city.a,
        policy=policy,
        publish=True,
        title=f"《{POLICY_TITLE}》政策解读",
        interpreter="市教育局安全处",
        body="<p>近日，市教育局印发了校园安全工作通知。现就有关内容解读如下。</p>",
        facets=[("background", "<p>近年来，校园安全形势总体平稳，但仍有薄弱环节。</p>")],
        questions=[("哪些学校适用？", "<p>全市中小学校和幼儿园。</p>")],
    )
    return SimpleNamespace(
        city=city,
        service=service,
        policy=PolicyDocumentPage.objects.get(pk=policy.pk),
        interpretation=InterpretationPage.objects.get(pk=interpretation.pk),
    )


def get_ok(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def meta(html: str, name: str) -> str:
    match = re.search(rf'<meta name="{name}" content="([^"]*)">', html)
    assert match is not None, f"meta {name} missing"
    return unescape(match.group(1))


def table_value(html: str, label: str) -> str:
    """The cell that follows a <th> label in the metadata table."""
    match = re.search(rf"<th scope=\"row\">{label}</th><td[^>]*>(.*?)</td>", html)
    assert match is not None, f"row {label} missing"
    return unescape(match.group(1))


def unit_pages(unit: Any) -> SimpleNamespace:
    unit_page = unit.unit_page
    return SimpleNamespace(
        unit=unit_page,
        guide=DisclosureGuidePage.objects.child_of(unit_page).get(),
        statutory=StatutoryContentPage.objects.child_of(unit_page).get(),
        column=library.column_of(unit, ColumnType.POLICY),
        interpretations=library.column_of(unit, ColumnType.INTERPRETATION),
    )


# --- Every page type renders ---------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_lists_latest_policy_and_interpretation(client: Client, site: Any) -> None:
    html = get_ok(client, "/")

    assert f'href="{site.policy.url}"' in html
    assert f'href="{site.interpretation.url}"' in html
    assert 'href="/zcwjk/"' in html
    assert 'href="/xxgk/"' in html
    assert meta(html, "SiteName") == settings.GONGKAI["SITE_NAME"]
    assert meta(html, "ColumnType") == "首页"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?page=1", "?page=2", "?page=abc"])
def test_policy_library_lists_policies_with_pagination(
    client: Client, site: Any, query: str
) -> None:
    html = get_ok(client, f"/zcwjk/{query}")

    assert "政策文件库" in html
    assert f'href="{site.policy.url}"' in html
    assert "共 1 条结果" in html  # out-of-range/invalid: last/first
    assert "第 1 / 1 页" not in html  # one page: no pager
    assert meta(html, "ColumnName") == "政策文件库"


@pytest.mark.django_db
def test_policy_library_pages_through_many_policies(client: Client, city: Any) -> None:
    for n in range(21):
        make_policy(city.b, title=f"南昌市财政局关于第{n + 1}批专项资金的通知")

    first = get_ok(client, "/zcwjk/")
    second = get_ok(client, "/zcwjk/?page=2")

    assert "共 21 条结果" in first and "第 1 / 2 页" in first
    assert 'href="?page=2"' in first
    assert "第 2 / 2 页" in second
    assert 'href="?page=1"' in second
    assert first.count("/fdzdgknr/zcwj/") == 20
    assert second.count("/fdzdgknr/zcwj/") == 1


@pytest.mark.django_db
def test_disclosure_index_lists_units(client: Client, site: Any) -> None:
    html = get_ok(client, "/xxgk/")

    for unit in (site.city.gov, site.city.a, site.city.b):
        assert f'href="{unit.unit_page.url}"' in html
        assert unit.name in html


@pytest.mark.django_db
def test_unit_page_links_its_columns(client: Client, site: Any) -> None:
    pages = unit_pages(site.city.a)

    html = get_ok(client, pages.unit.url)

    assert "南昌市教育局 政府信息公开" in html
    for child in (pages.guide, pages.statutory):
        assert f'href="{child.url}"' in html
    assert "政府信息公开年报" in html


@pytest.mark.django_db
def test_disclosure_guide_shows_the_office_contact(client: Client, site: Any) -> None:
    unit = site.city.a
    assert unit.office_phone

    html = get_ok(client, unit_pages(unit).guide.url)

    assert "南昌市教育局政府信息公开指南" in html
    assert table_value(html, "联系电话") == unit.office_phone
    assert "依申请公开" in html


@pytest.mark.django_db
def test_statutory_content_page_lists_columns(client: Client, site: Any) -> None:
    pages = unit_pages(site.city.a)

    html = get_ok(client, pages.statutory.url)

    assert "法定主动公开内容" in html
    for title in ("政策文件", "政策解读", "通知公告", "工作动态"):
        assert f">{title}</a>" in html
    assert f'href="{pages.column.url}"' in html


@pytest.mark.django_db
def test_column_pages_list_their_items(client: Client, site: Any) -> None:
    pages = unit_pages(site.city.a)

    policies = get_ok(client, pages.column.url)
    interpretations = get_ok(client, pages.interpretations.url)

    assert f'href="{site.policy.url}"' in policies
    assert meta(policies, "ColumnType") == "政策文件"
    assert f'href="{site.interpretation.url}"' in interpretations
    assert meta(interpretations, "ColumnType") == "政策解读"


# --- The policy detail page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_policy_page_metadata_table(client: Client, site: Any) -> None:
    policy = site.policy

    html = get_ok(client, policy.url)

    assert table_value(html, "索引号") == policy.index_number
    assert policy.index_number.startswith(f"{site.city.a.index_code}/2026-")
    assert table_value(html, "发文机关") == "南昌市教育局"
    assert table_value(html, "成文日期") == "2026年3月2日"
    assert table_value(html, "发文字号") == "洪教字〔2026〕7号"
    published = policy.published_on
    assert (
        table_value(html, "发布日期") == f"{published.year}年{published.month}月{published.day}日"
    )
    assert table_value(html, "有 效 性") == "有效"
    assert table_value(html, "公开方式") == "主动公开"
    assert f"<h1>{POLICY_TITLE}</h1>" in html
    assert "为进一步做好示范工作" in html


@pytest.mark.django_db
def test_policy_page_meta_tags(client: Client, site: Any) -> None:
    policy = site.policy

    html = get_ok(client, policy.url)

    conf = settings.GONGKAI
    assert meta(html, "SiteName") == conf["SITE_NAME"]
    assert meta(html, "SiteDomain") == conf["SITE_DOMAIN"]
    assert meta(html, "SiteIDCode") == conf["SITE_ID_CODE"]
    assert meta(html, "ColumnName") == "政策文件"
    assert meta(html, "ColumnType") == "政策文件"
    assert meta(html, "ArticleTitle") == POLICY_TITLE
    pub_date = meta(html, "PubDate")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", pub_date), pub_date
    assert pub_date.startswith(policy.published_on.isoformat())
    expected = timezone.localtime(policy.first_published_at).strftime("%Y-%m-%d %H:%M")
    assert pub_date == expected
    assert meta(html, "ContentSource") == "南昌市教育局"


@pytest.mark.django_db
def test_pub_date_of_a_backdated_policy_is_its_publication_day(client: Client, city: Any) -> None:
    policy = make_policy(
        city.a, title="南昌市教育局关于往年工作的通知", published_on=dt.date(2026, 3, 5)
    )

    html = get_ok(client, policy.url)

    assert meta(html, "PubDate") == "2026-03-05 00:00"


@pytest.mark.django_db
def test_policy_page_links_interpretation_and_services(client: Client, site: Any) -> None:
    html = get_ok(client, site.policy.url)

    assert "政策解读" in html
    assert f'href="{site.interpretation.url}"' in html
    assert "相关办事" in html
    assert f'href="{site.service.url}"' in html
    assert site.service.name in html


@pytest.mark.django_db
def test_interpretation_page_links_back_to_its_policy(client: Client, site: Any) -> None:
    html = get_ok(client, site.interpretation.url)

    assert f'href="{site.policy.url}"' in html
    assert f"《{POLICY_TITLE}》" in html
    assert "洪教字〔2026〕7号" in html
    assert "背景依据" in html
    assert "哪些学校适用？" in html
    assert meta(html, "ColumnType") == "政策解读"
    assert meta(html, "ArticleTitle") == site.interpretation.title


@pytest.mark.django_db
def test_abolished_policy_shows_a_banner_linking_the_new_document(
    client: Client, city: Any
) -> None:
    old = make_policy(city.a, title="南昌市教育局关于校外培训管理的通知")
    new = make_policy(
        city.a,
        title="南昌市教育局关于进一步规范校外培训管理的通知",
        relations=[(RelationKind.REPLACES, old)],
    )
    old.refresh_from_db()
    assert old.validity == Validity.ABOLISHED

    html = get_ok(client, old.url)

    banner = re.search(r'<div class="banner" role="note">(.*?)</div>', html, re.S)
    assert banner is not None
    assert "本文件已废止" in banner.group(1)
    assert f'href="{new.url}"' in banner.group(1)
    assert table_value(html, "有 效 性") == "废止"
    assert '<div class="banner"' not in get_ok(client, new.url)


# --- What is not public ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_draft_policy_is_not_public(client: Client, city: Any) -> None:
    draft = make_policy(city.a, title="南昌市教育局关于尚未发布事项的通知", publish=False)

    assert client.get(draft.url).status_code == 404
    assert draft.title not in get_ok(client, "/zcwjk/")
    assert draft.title not in get_ok(client, library.column_of(city.a, ColumnType.POLICY).url)


@pytest.mark.django_db
def test_interpretation_is_hidden_while_its_policy_is_a_draft(client: Client, city: Any) -> None:
    draft = make_policy(city.a, title="南昌市教育局关于尚未发布政策的通知", publish=False)
    interpretation = library.interpretation_save(
        actor=None,
        unit=city.a,
        policy=draft,
        publish=True,
        title="《南昌市教育局关于尚未发布政策的通知》政策解读",
        body="<p>解读正文。</p>",
    )
    assert interpretation.live  # published, but 三同步 keeps it hidden until the policy is live

    assert client.get(interpretation.url).status_code == 404
    assert interpretation.title not in get_ok(client, "/")
    column = library.column_of(city.a, ColumnType.INTERPRETATION)
    assert interpretation.title not in get_ok(client, column.url)

    publish_directly(draft.get_latest_revision())

    assert client.get(interpretation.url).status_code == 200


@pytest.mark.django_db
def test_titles_are_escaped(client: Client, city: Any) -> None:
    title = "<script>alert('x')</script>关于测试转义的通知"
    policy = make_policy(city.a, title=title)

    for url in (policy.url, "/", "/zcwjk/"):
        html = get_ok(client, url)
        assert "<script>alert(" not in html, url
        assert "&lt;script&gt;alert(" in html, url
    assert meta(get_ok(client, policy.url), "ArticleTitle") == title
