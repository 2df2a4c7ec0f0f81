"""Wagtail's database search backend for the admin, with one fix for PostgreSQL.

After every indexed save, modelsearch's PostgreSQL index rewrites ``title_norm`` for all
entries still at the default 1.0. With Chinese titles (one lexeme each under the ``simple``
configuration) the average title length is exactly 1, every norm stays 1.0 and *every* save
rewrites the whole index table — quadratic work that made loading the demo 20× slower on
PostgreSQL than on SQLite. Here rows whose norm would not change are left alone.

Configured in settings.WAGTAILSEARCH_BACKENDS. The public portal search has its own index.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Avg, F
from django.db.models.functions import Length
from modelsearch.backends.database import SearchBackend as _database_backend


def SearchBackend(params: dict[str, Any]) -> Any:  # the name Wagtail looks up
    if connection.vendor != "postgresql":
        return _database_backend(params)
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    class Index(PostgresIndex):
        def _refresh_title_norms(self, full: bool = False) -> None:
            lengths = self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
            lavg = lengths.aggregate(Avg("title_length"))["title_length__avg"]
            if not lavg:
                return
            entries = self.entries if full else self.entries.filter(title_norm=1.0)
            (
                entries.annotate(title_length=Length("title"))
                .filter(title_length__gt=0)
                .exclude(title_length=lavg)  # norm lavg/length would be 1.0 again: no rewrite
                .update(title_norm=lavg / F("title_length"))
            )

    class Backend(PostgresSearchBackend):
        index_class = Index

    return Backend(params)
