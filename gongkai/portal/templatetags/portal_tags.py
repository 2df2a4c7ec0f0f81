"""Template helpers for public pages: the 政府网站发展指引 meta tags, feed links, navigation."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from gongkai.core.config import gongkai_config
from gongkai.portal.feeds import feed_links as links

register = template.Library()


@register.inclusion_tag("portal/includes/meta_tags.html")
def guideline_meta(page: Any) -> dict[str, Any]:
    """SiteName, SiteDomain, SiteIDCode, ColumnName, ColumnType and, for articles,
    ArticleTitle, PubDate (YYYY-MM-DD HH:MM) and ContentSource (国办发〔2017〕47号 annex)."""
    conf = gongkai_config()
    is_article = hasattr(page, "published_on") and hasattr(page, "body")
    column = page.get_parent().specific if is_article else page
    pub_date = ""
    if is_article:
        first = page.first_published_at
        if first and page.published_on and timezone.localdate(first) == page.published_on:
            pub_date = timezone.localtime(first).strftime("%Y-%m-%d %H:%M")
        elif page.published_on:
            pub_date = page.published_on.strftime("%Y-%m-%d 00:00")
    source = ""
    if is_article:
        source = getattr(page, "source", "") or (
            page.organisation.name if page.organisation_id else ""
        )
    return {
        "site_name": conf.site_name,
        "site_domain": conf.site_domain,
        "site_id_code": conf.site_id_code,
        "column_name": column.title,
        "column_type": getattr(column, "column_type", ""),
        "is_article": is_article,
        "article_title": page.title,
        "pub_date": pub_date,
        "content_source": source,
    }


@register.simple_tag
def feed_links(page: Any = None) -> list[dict[str, str]]:
    """The RSS/Atom feeds that concern ``page`` (its unit's, its topic's) and the site's."""

    return links(page)


@register.filter
def is_section(path: str, prefix: str) -> bool:
    """Whether ``path`` is ``prefix`` or under it (for aria-current in the main navigation)."""
    return path == prefix if prefix == "/" else str(path).startswith(prefix)
