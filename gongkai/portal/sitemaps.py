"""sitemap.xml: every live, public page of the site, with the time it was last published.

Addresses are built from the requesting host (not the Wagtail Site's hostname), like the feeds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page, Site

from gongkai.library.models import DisclosureMode, InterpretationPage, PolicyDocumentPage


class PageSitemap(Sitemap):
    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)

    def items(self) -> QuerySet[Page]:

        # Interpretations are not served ahead of their policy (三同步), and 不予公开 documents
        # never are: leave both out even if live.
        hidden_interpretations = InterpretationPage.objects.exclude(policy__live=True)
        undisclosed = PolicyDocumentPage.objects.filter(
            disclosure_mode=DisclosureMode.NOT_DISCLOSED
        )
        return (
            self.site.root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .exclude(pk__in=hidden_interpretations.values("pk"))
            .exclude(pk__in=undisclosed.values("pk"))
            .order_by("path")
        )

    def location(self, item: Any) -> str:
        return item.relative_url(self.site, self.request)

    def lastmod(self, item: Any) -> dt.datetime | None:
        return item.last_published_at or item.latest_revision_created_at
