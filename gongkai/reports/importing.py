"""Import of table-二 figures held by other systems (审批、执法、财政):
``organ,year,key,value,source`` with ``key`` ∈ licensing, penalty, coercion, fees (or the Chinese
labels 行政许可, 行政处罚, 行政强制, 行政事业性收费); fees in 万元. Every row is checked first; a file
with a bad row writes nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.applications.importing import ImportRejected, find_unit_by_key, find_year, read_rows
from gongkai.core.types import User
from gongkai.organisations.models import Organisation
from gongkai.reports import services

KEYS = {
    "licensing": "licensing",
    "行政许可": "licensing",
    "penalty": "penalty",
    "行政处罚": "penalty",
    "coercion": "coercion",
    "行政强制": "coercion",
    "fees": "fees",
    "行政事业性收费": "fees",
}


def import_figures(path: Path, *, actor: User | None = None) -> int:
    """Check every row by the figures' rule (services.check_figure), then enter them all through
    services.figure_set (one audit entry each) in one transaction; ``actor=None`` is the
    command line."""
    rows = read_rows(path, ["organ", "year", "key", "value", "source"])
    problems: list[str] = []
    units: dict[str, Organisation | None] = {}
    planned: list[tuple[Organisation, int, str, str, str]] = []
    for line, row in rows:
        where = f"{path.name} 第{line}行"
        unit = find_unit_by_key(row["organ"], where, problems, units)
        year = find_year(row["year"], where, problems, first=2008)
        key = KEYS.get(row["key"])
        if key is None:
            problems.append(
                f"{where}：项目“{row['key']}”应为 行政许可、行政处罚、行政强制、行政事业性收费 之一。"
            )
        value = row["value"].replace(",", "")
        try:
            services.check_figure(key=key or "fees", value=value, source=row["source"])
        except ValidationError as error:
            problems += [f"{where}：{m}" for m in error.messages]
        if unit is not None and year is not None and key is not None:
            planned.append((unit, year, key, value, row["source"]))
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        for unit, year, key, value, source in planned:
            services.figure_set(
                actor=actor,
                organisation=unit,
                year=year,
                key=key,
                value=value,
                source=source,
            )
    return len(planned)
