"""RSS/Atom feeds of public policy documents, sitemap.xml and robots.txt: valid XML, the right
items with absolute links, and nothing that is not public (drafts, 不予公开 bodies)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.library import services as library
from gongkai.library.models import DisclosureMode, NonDisclosureReason, Topic
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LONG_BODY = "<p>" + "为进一步规范校外培训机构管理，保障学生合法权益，" * 20 + "</p>"


def parse(response: Any) -> ET.Element:
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 - our own output, not untrusted input


def two_topics() -> tuple[Topic, Topic]:
    children = Topic.objects.filter(parent__isnull=False).order_by("pk")
    first = children.first()
    assert first is not None
    other = children.exclude(parent=first.parent).first()
    assert other is not None
    return first, other


@pytest.fixture
def docs(city: SimpleNamespace) -> SimpleNamespace:
    topic, other_topic = two_topics()
    return SimpleNamespace(
        city=city,
        topic=topic,
        other_topic=other_topic,
        a_live=make_policy(
            city.a,
            title="南昌市教育局关于规范校外培训的通知",
            topic=topic,
            body=LONG_BODY,
            published_on=dt.date(2026, 3, 5),
        ),
        a_draft=make_policy(city.a, title="南昌市教育局关于尚未发布事项的通知", publish=False),
        a_on_application=make_policy(
            city.a,
            title="南昌市教育局关于内部事项的通知",
            topic=topic,
            body="<p>仅供申请人查阅的正文内容。</p>",
            disclosure_mode=DisclosureMode.ON_APPLICATION,
            non_disclosure_reason=NonDisclosureReason.SPECIFIC_GROUP,
        ),
        b_live=make_policy(city.b, title="南昌市财政局关于专项资金的通知", topic=other_topic),
    )


def rss_items(root: ET.Element) -> dict[str, ET.Element]:
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return {item.findtext("title") or "": item for item in root.iter("item")}


def test_site_rss_lists_public_policies_with_absolute_links(client: Client, docs: Any) -> None:
    response = client.get("/feeds/rss.xml")
    assert response["Content-Type"].startswith("application/rss+xml")

    root = parse(response)
    items = rss_items(root)

    assert root.findtext("channel/title", "").endswith("最新政策文件")
    assert docs.a_live.title in items
    assert docs.b_live.title in items
    assert docs.a_draft.title not in items
    item = items[docs.a_live.title]
    link = f"http://testserver{docs.a_live.url}"
    assert item.findtext("link") == link
    guid = item.find("guid")
    assert guid is not None
    assert guid.text == link
    assert guid.get("isPermaLink", "true") == "true"
    assert item.findtext("pubDate") == "Thu, 05 Mar 2026 00:00:00 +0800"
    description = item.findtext("description") or ""
    assert description.startswith("为进一步规范校外培训机构管理")
    assert description.endswith("…")
    assert len(description) == 201
    assert item.findtext("author") is None or "南昌市教育局" in item.findtext("author", "")


def test_body_of_a_document_disclosed_on_application_stays_out_of_the_feed(
    client: Client, docs: Any
) -> None:
    items = rss_items(parse(client.get("/feeds/rss.xml")))

    description = items[docs.a_on_application.title].findtext("description") or ""
    assert "仅供申请人查阅" not in description
    assert "依申请公开" in description


def test_unit_feeds_list_only_that_units_documents(client: Client, docs: Any) -> None:
    slug = docs.city.a.slug

    items = rss_items(parse(client.get(f"/feeds/unit/{slug}/rss.xml")))

    assert set(items) == {docs.a_live.title, docs.a_on_application.title}

    atom = parse(client.get(f"/feeds/unit/{slug}/atom.xml"))
    assert atom.tag == f"{ATOM}feed"
    assert atom.findtext(f"{ATOM}title") == "南昌市教育局 政策文件"
    entries = {e.findtext(f"{ATOM}title"): e for e in atom.iter(f"{ATOM}entry")}
    assert set(entries) == {docs.a_live.title, docs.a_on_application.title}
    entry = entries[docs.a_live.title]
    link = entry.find(f"{ATOM}link")
    assert link is not None
    assert link.get("href") == f"http://testserver{docs.a_live.url}"
    assert entry.findtext(f"{ATOM}id") == f"http://testserver{docs.a_live.url}"
    assert (entry.findtext(f"{ATOM}published") or "").startswith("2026-03-05T00:00:00+08:00")
    assert entry.findtext(f"{ATOM}updated")


def test_unknown_unit_or_topic_feed_is_404(client: Client, docs: Any) -> None:
    assert client.get("/feeds/unit/no-such-unit/rss.xml").status_code == 404
    assert client.get("/feeds/topic/999999/rss.xml").status_code == 404
    assert client.get("/feeds/topic/abc/rss.xml").status_code == 404


def test_topic_feeds(client: Client, docs: Any) -> None:
    topic = docs.topic

    items = rss_items(parse(client.get(f"/feeds/topic/{topic.pk}/rss.xml")))
    parent_items = rss_items(parse(client.get(f"/feeds/topic/{topic.parent_id}/rss.xml")))
    atom = parse(client.get(f"/feeds/topic/{topic.pk}/atom.xml"))

    assert set(items) == {docs.a_live.title, docs.a_on_application.title}
    assert docs.a_live.title in parent_items  # a top-level topic covers its children
    assert docs.b_live.title not in parent_items
    assert {e.findtext(f"{ATOM}title") for e in atom.iter(f"{ATOM}entry")} == set(items)


def test_feed_titles_are_escaped_xml(client: Client, city: Any) -> None:
    title = "<b>关于</b>测试&转义的通知"
    make_policy(city.a, title=title)

    response = client.get("/feeds/rss.xml")
    items = rss_items(parse(response))

    assert b"<b>" not in response.content
    # Readers treat the title as HTML: it is escaped once more (Django's default).
    assert "&lt;b&gt;关于&lt;/b&gt;测试&amp;转义的通知" in items


def test_pages_advertise_their_feeds(client: Client, docs: Any) -> None:
    unit = docs.city.a
    unit_html = client.get(unit.unit_page.url).content.decode()
    policy_html = client.get(docs.a_live.url).content.decode()
    home_html = client.get("/").content.decode()

    unit_rss = f"/feeds/unit/{unit.slug}/rss.xml"
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="南昌市教育局 政策文件（RSS）" href="{unit_rss}">'
        in unit_html
    )
    assert f'<a href="{unit_rss}">' in unit_html  # visible on the unit's page
    assert f'href="/feeds/unit/{unit.slug}/atom.xml"' in unit_html
    assert f'href="/feeds/topic/{docs.topic.pk}/rss.xml"' in policy_html
    assert f'href="{unit_rss}"' in policy_html
    assert 'type="application/rss+xml"' in home_html
    assert 'href="/feeds/rss.xml"' in home_html
    assert "/feeds/unit/" not in home_html


def test_sitemap_lists_live_pages_with_lastmod_and_no_drafts(client: Client, docs: Any) -> None:
    hidden = library.interpretation_save(
        actor=None,
        unit=docs.city.a,
        policy=docs.a_draft,
        publish=True,
        title="《南昌市教育局关于尚未发布事项的通知》政策解读",
        body="<p>解读正文。</p>",
    )

    response = client.get("/sitemap.xml")
    root = parse(response)
    urls = {u.findtext(f"{SITEMAP}loc"): u for u in root.iter(f"{SITEMAP}url")}

    live = f"http://testserver{docs.a_live.url}"
    assert live in urls
    lastmod = timezone.localdate(docs.a_live.last_published_at).isoformat()
    assert urls[live].findtext(f"{SITEMAP}lastmod") == lastmod
    assert "http://testserver/" in urls
    assert f"http://testserver{docs.city.a.unit_page.url}" in urls
    assert f"http://testserver{docs.a_draft.url}" not in urls
    assert f"http://testserver{hidden.url}" not in urls  # 三同步: not ahead of its policy
    assert all(url and url.startswith("http://testserver/") for url in urls)


def test_robots_txt(client: Client, db: Any) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /django-admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines
