"""RSS 2.0 and Atom feeds of the latest public policy documents: site-wide, per unit, per topic.

Items come from ``library.selectors.public_policies()`` (live, public, not 不予公开). The body of
a 依申请公开 document is not public, so its description says so instead of quoting it.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags

from gongkai.core.config import gongkai_config
from gongkai.library import selectors
from gongkai.library.models import DisclosureMode, PolicyDocumentPage, Topic
from gongkai.organisations.models import Organisation
from gongkai.organisations.selectors import unit_of_page

FEED_ITEMS = 20
DESCRIPTION_CHARS = 200


def summary(document: PolicyDocumentPage, *, length: int = DESCRIPTION_CHARS) -> str:
    """The first ``length`` characters of the body as plain text (… when cut)."""
    if document.disclosure_mode != DisclosureMode.PROACTIVE:
        return f"本文件{document.get_disclosure_mode_display()}，正文不在网站公开。"
    # Paragraphs and line breaks become spaces, so that sentences do not run together.
    body = re.sub(r"<(?:br|/p|/h[1-6]|/li|/div|/td|/th|/tr)\b[^>]*>", " ", document.body)
    text = re.sub(r"\s+", " ", unescape(strip_tags(body))).strip()
    return text if len(text) <= length else text[:length].rstrip() + "…"


def publication_time(document: PolicyDocumentPage) -> dt.datetime | None:
    """The moment of publication: first_published_at when it falls on the 发布日期, otherwise
    the start of the 发布日期 (back-dated and imported documents)."""
    first = document.first_published_at
    day = document.published_on
    if day is None:
        return first
    if first is not None and timezone.localdate(first) == day:
        return first
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class PolicyFeed(Feed):
    """Site-wide: the latest public policy documents of every unit."""

    language = "zh-CN"
    item_guid_is_permalink = True

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return None

    def documents(self, obj: Any) -> QuerySet[PolicyDocumentPage]:
        return selectors.public_policies()

    def items(self, obj: Any) -> list[PolicyDocumentPage]:
        return list(self.documents(obj)[:FEED_ITEMS])

    def title(self, obj: Any) -> str:
        return f"{gongkai_config().site_name} 最新政策文件"

    def link(self, obj: Any) -> str:
        return "/"

    def description(self, obj: Any) -> str:
        return f"{gongkai_config().site_name}各单位最新发布的政策文件。"

    def subtitle(self, obj: Any) -> str:
        return self.description(obj)

    def author_name(self, obj: Any) -> str:
        return str(gongkai_config().site_name)

    def item_title(self, item: PolicyDocumentPage) -> str:
        # Readers treat titles as HTML: escape once more, as Django's default does.
        return escape(item.title)

    def item_description(self, item: PolicyDocumentPage) -> str:
        return escape(summary(item))

    def item_link(self, item: PolicyDocumentPage) -> str:
        return item.url or "/"

    def item_pubdate(self, item: PolicyDocumentPage) -> dt.datetime | None:
        return publication_time(item)

    def item_updateddate(self, item: PolicyDocumentPage) -> dt.datetime | None:
        return item.last_published_at or publication_time(item)

    def item_author_name(self, item: PolicyDocumentPage) -> str | None:
        unit = item.organisation
        return unit.name if unit is not None else None

    def item_categories(self, item: PolicyDocumentPage) -> list[str]:
        return [item.topic.label] if item.topic_id else []


class UnitPolicyFeed(PolicyFeed):
    """The latest public policy documents published in one unit's column."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Organisation:
        return get_object_or_404(Organisation, slug=kwargs["slug"], is_active=True)

    def documents(self, obj: Organisation) -> QuerySet[PolicyDocumentPage]:
        return selectors.public_policies().filter(organisation=obj)

    def title(self, obj: Organisation) -> str:
        return f"{obj.name} 政策文件"

    def link(self, obj: Organisation) -> str:
        unit_page = getattr(obj, "unit_page", None)
        return (unit_page.url if unit_page is not None else None) or "/"

    def description(self, obj: Organisation) -> str:
        return f"{obj.name}最新发布的政策文件。"

    def author_name(self, obj: Organisation) -> str:
        return obj.name


class TopicPolicyFeed(PolicyFeed):
    """The latest public policy documents of one 主题分类 (a top-level topic: all its children)."""

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Topic:
        return get_object_or_404(Topic.objects.select_related("parent"), pk=kwargs["topic_id"])

    def documents(self, obj: Topic) -> QuerySet[PolicyDocumentPage]:
        return selectors.public_policies().filter(Q(topic=obj) | Q(topic__parent=obj))

    def title(self, obj: Topic) -> str:
        return f"{gongkai_config().site_name} 政策文件：{obj.label}"

    def link(self, obj: Topic) -> str:
        return "/zcwjk/"

    def description(self, obj: Topic) -> str:
        return f"主题分类“{obj.label}”下最新发布的政策文件。"


class PolicyAtomFeed(PolicyFeed):
    feed_type = Atom1Feed


class UnitPolicyAtomFeed(UnitPolicyFeed):
    feed_type = Atom1Feed


class TopicPolicyAtomFeed(TopicPolicyFeed):
    feed_type = Atom1Feed


def feed_links(page: Any) -> list[dict[str, str]]:
    """The feeds that concern a page (for <link rel="alternate"> and visible links): the unit's
    when the page belongs to a unit, the topic's for a policy document, and the site's."""
    links: list[dict[str, str]] = []
    unit = None
    if not page:
        page = None
    if page is not None:
        unit = unit_of_page(page)
    if unit is not None:
        links.append(
            {
                "title": f"{unit.name} 政策文件",
                "rss": reverse("portal:feed-unit-rss", args=[unit.slug]),
                "atom": reverse("portal:feed-unit-atom", args=[unit.slug]),
            }
        )
    topic = getattr(page, "topic", None) if page is not None else None
    if isinstance(topic, Topic):
        links.append(
            {
                "title": f"政策文件：{topic.label}",
                "rss": reverse("portal:feed-topic-rss", args=[topic.pk]),
                "atom": reverse("portal:feed-topic-atom", args=[topic.pk]),
            }
        )
    links.append(
        {
            "title": "全站最新政策文件",
            "rss": reverse("portal:feed-rss"),
            "atom": reverse("portal:feed-atom"),
        }
    )
    return links
