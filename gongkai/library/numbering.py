"""索引号: the one place that allocates a document's index number (DOMAIN.md §3)."""

from __future__ import annotations

from gongkai.core.sequences import sequence_next_value
from gongkai.organisations.models import Organisation

INDEX_SCOPE = "policy-index"


def allocate_index_number(*, organisation_id: int, year: int) -> str:
    """Next 索引号 `<unit code>/YYYY-NNNNN` of a unit and year.

    The year is that of the 成文日期 (when the information was made). Numbers come from a
    counter row locked for the rest of the transaction, so concurrent creators never share one.
    """
    org = Organisation.objects.only("credit_code", "org_code").get(pk=organisation_id)
    serial = sequence_next_value(scope=INDEX_SCOPE, key=str(organisation_id), year=year)
    return f"{org.index_code}/{year}-{serial:05d}"
