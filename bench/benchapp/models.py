"""The comparison: what a Wagtail site gets without Gongkai's index.

``BenchDoc`` holds the same title and body as the public search's documents (same id as the
``SearchDocument``), indexed by Wagtail's database search backend (``modelsearch``: FTS5 on
SQLite, tsvector on PostgreSQL) with the filters declared as ``FilterField``.
"""

from __future__ import annotations

from django.db import models
from wagtail.search import index


class BenchDoc(index.Indexed, models.Model):
    id = models.BigIntegerField(primary_key=True)
    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=255)
    body = models.TextField()
    year = models.PositiveSmallIntegerField(null=True)
    doc_type = models.CharField(max_length=20, blank=True)
    validity = models.CharField(max_length=10, blank=True)
    topic_id = models.BigIntegerField(null=True)
    topic_group_id = models.BigIntegerField(null=True)
    published_on = models.DateField(null=True)

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("year"),
        index.FilterField("doc_type"),
        index.FilterField("validity"),
        index.FilterField("topic_id"),
        index.FilterField("topic_group_id"),
        index.FilterField("id"),
    ]

    def __str__(self) -> str:
        return self.title
