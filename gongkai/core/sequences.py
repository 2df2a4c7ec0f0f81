"""Allocate the next number of a counter, safely under concurrent writers.

The increment is one ``UPDATE … SET last_value = last_value + 1`` inside the caller's
transaction: PostgreSQL locks the row until commit, SQLite (``transaction_mode=IMMEDIATE``)
holds the database write lock. Either way no two transactions get the same number, and a
rolled-back transaction gives its number back, so committed numbers have no gaps.
"""

# write-guard: module — the gapless counter rows themselves.

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from gongkai.core.models import Sequence


def sequence_next_value(*, scope: str, key: str, year: int) -> int:
    """Return the next number for (scope, key, year), starting at 1."""
    with transaction.atomic():
        # Create the counter row if missing without racing another creator.
        Sequence.objects.bulk_create(
            [Sequence(scope=scope, key=key, year=year, last_value=0)], ignore_conflicts=True
        )
        Sequence.objects.filter(scope=scope, key=key, year=year).update(
            last_value=F("last_value") + 1
        )
        return Sequence.objects.values_list("last_value", flat=True).get(
            scope=scope, key=key, year=year
        )
