"""Import of table-二 figures held by other systems (审批、执法、财政):
``organ,year,key,value,source`` with ``key`` ∈ licensing, penalty, coercion, fees (or the Chinese
labels 行政许可, 行政处罚, 行政强制, 行政事业性收费); fees in 万元. Every row is checked first; a file
with a bad row writes nothing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction

from gongkai.applications.importing import ImportRejected, find_organ, find_year, read_rows
from gongkai.reports.models import FigureKey, ReportFigure

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


def import_figures(path: Path) -> int:
    rows = read_rows(path, ["organ", "year", "key", "value", "source"])
    problems: list[str] = []
    organs: dict[str, Any] = {}
    planned = []
    for line, row in rows:
        where = f"{path.name} 第{line}行"
        organ = find_organ(row["organ"], where, problems, organs)
        year = find_year(row["year"], where, problems, first=2008)
        key = KEYS.get(row["key"])
        if key is None:
            problems.append(
                f"{where}：项目“{row['key']}”应为 行政许可、行政处罚、行政强制、行政事业性收费 之一。"
            )
        try:
            value = Decimal(row["value"].replace(",", ""))
        except InvalidOperation:
            value = None
        if (
            value is None
            or value < 0
            or (key not in (None, FigureKey.FEES) and value != value.to_integral_value())
        ):
            problems.append(
                f"{where}：数值“{row['value']}”不正确（处理决定数量为非负整数，收费为万元）。"
            )
        if not row["source"]:
            problems.append(f"{where}：请注明数据来源。")
        planned.append((organ, year, key, value, row["source"]))
    if problems:
        raise ImportRejected(problems)
    with transaction.atomic():
        for organ, year, key, value, source in planned:
            ReportFigure.objects.update_or_create(
                organisation=organ,
                year=int(year or 0),
                key=key,
                defaults={"value": value or Decimal(0), "source": source},
            )
    return len(planned)
