"""What the public search knows of each searchable page (one row per page).

The token index itself lives next to this table in a database-specific structure (an FTS5
table on SQLite, tsvector rows on PostgreSQL), managed by store.py.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    POLICY = "policy", _("政策文件")
    INTERPRETATION = "interpretation", _("政策解读")


# Valid documents rank above expired ones, which rank above abolished ones.
VALIDITY_ORDER = {"valid": 0, "expired": 1, "abolished": 2}

_DAY_BITS, _PAGE_BITS = 22, 32  # date.toordinal() < 2**22; page ids < 2**32


def rank_key(validity_order: int, published_on: dt.date | None, page_id: int) -> int:
    """One integer whose ascending order is the list order: valid before expired before
    abolished, newer before older (undated last), then the higher page id first.

    The FTS5 rowid on SQLite, so that the index returns documents already in rank order.
    """
    day = published_on.toordinal() if published_on else 0
    inverted_day = (1 << _DAY_BITS) - 1 - day
    inverted_page = (1 << _PAGE_BITS) - 1 - page_id
    return (
        (validity_order << (_DAY_BITS + _PAGE_BITS)) | (inverted_day << _PAGE_BITS) | inverted_page
    )


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    title = models.CharField(max_length=255)
    url_path = models.CharField(max_length=255)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", null=True
    )
    topic = models.ForeignKey(
        "library.Topic", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    topic_group = models.ForeignKey(
        "library.Topic", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    doc_type = models.CharField(max_length=20, blank=True)
    validity = models.CharField(max_length=10, blank=True)
    validity_order = models.PositiveSmallIntegerField(default=0)
    published_on = models.DateField(null=True)
    year = models.PositiveSmallIntegerField(null=True)  # policies: of 成文日期
    index_number = models.CharField(max_length=40, blank=True)
    doc_number = models.CharField(max_length=60, blank=True)
    # rank_key(validity_order, published_on, page_id): the order of a list within a tier.
    rank_key = models.BigIntegerField(default=0)
    # Plain text as published, for snippets (title, metadata and body, as indexed).
    text = models.TextField(blank=True)

    class Meta:
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["kind", "validity_order", "-published_on"], name="search_rank"),
            models.Index(fields=["kind", "-published_on"], name="search_recent"),
            models.Index(fields=["organisation"], name="search_org"),
            models.Index(fields=["topic_group", "topic"], name="search_topic"),
            models.Index(fields=["year"], name="search_year"),
            models.Index(fields=["rank_key"], name="search_rank_key"),
        ]

    def __str__(self) -> str:
        return self.title


class SearchDocumentOrgan(models.Model):
    """发文机关 of a document, for the issuing-unit filter (joint issuance: several rows)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="organs")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organisation", "document"], name="search_organ_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.organisation_id}"
