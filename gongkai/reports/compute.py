"""Computing the annual report's tables from Gongkai's records (DOMAIN.md §2).

Table 三 counts applications (gongkai.applications) by applicant type, with the counting rules
of the format:
- 一、本年新收: received in the year;
- 二、上年结转: received before the year and not yet answered at its start;
- 三、本年度办理结果: answered in the year, by outcome (a case is *answered* on the day of its
  reply — the posting day for mailed replies — or, for cases ended without a reply (其他处理:
  not corrected, fee unpaid), on the day it was closed);
- 四、结转下年度: received by the end of the year and not answered by then.
So 一 + 二 = （七）总计 + 四 holds by construction for every column, as the format's 勾稽关系 says.
All four rows come from one GROUP BY over the units' cases with filtered counts (one pass over
the rows; within 1.0× of a hand-written query at 1,000,000 cases, bench/report_bench.py).

Table 二 counts the unit's live 规章 and 行政规范性文件 by 成文日期 (本年制发), by the day they
stopped being in force (本年废止: abolished, replaced, or expired in the year) and in force at the
year's end (现行有效), with validity derived as of 31 December (library.validity); the other cells
come from ReportFigure (entered with their source). Table 四 counts Appeal records of the year.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, ExtractMonth

from gongkai.reports import labels as L


def unit_ids(organ: Any, subtree: bool) -> list[int]:
    from gongkai.organisations.models import Organisation

    if not subtree:
        return [organ.pk]
    return list(
        Organisation.objects.filter(path__startswith=organ.path).values_list("pk", flat=True)
    )


def _answered() -> Q:
    from gongkai.applications.models import Status

    return Q(status__in=[Status.REPLIED, Status.CLOSED]) & ~Q(outcome="")


def _cases(ids: list[int]) -> Any:
    from gongkai.applications.models import Application

    return Application.objects.filter(organisation_id__in=ids).annotate(
        answered_on=Coalesce(F("replied_on"), F("closed_on"))
    )


def table_3(ids: list[int], year: int) -> dict[str, Any]:
    """Table 三 in one GROUP BY (applicant type × outcome) over the units' cases received by 31
    December, each count a filtered aggregate — one pass over the rows, as fast as the
    hand-written query (bench/report_bench.py). Counting ``received_on`` (never null) rather than
    the id keeps an index-only scan possible."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    answered = _answered()
    rows = (
        _cases(ids)
        .filter(received_on__lte=end)
        .values_list("applicant_type", "outcome")
        .annotate(
            new=Count("received_on", filter=Q(received_on__gte=start)),
            carried_in=Count(
                "received_on",
                filter=Q(received_on__lt=start) & ~(answered & Q(answered_on__lt=start)),
            ),
            answered_n=Count(
                "received_on", filter=answered & Q(answered_on__gte=start, answered_on__lte=end)
            ),
            carried_out=Count("received_on", filter=~(answered & Q(answered_on__lte=end))),
        )
        .values_list("applicant_type", "outcome", "new", "carried_in", "answered_n", "carried_out")
        .order_by()
    )
    table = L.empty_t3()
    for applicant_type, outcome, new, carried_in, answered_n, carried_out in rows:
        column = L.APPLICANT_COLUMN[applicant_type]
        table[L.NEW][column] += new
        table[L.CARRIED_IN][column] += carried_in
        table[L.CARRIED_OUT][column] += carried_out
        if answered_n:
            group, item = L.outcome_cell(outcome)
            cell = table[L.RESULTS][group][item] if item else table[L.RESULTS][group]
            cell[column] += answered_n
            table[L.RESULTS][L.RESULTS_TOTAL][column] += answered_n
    for path in L.t3_rows():
        cell = L.t3_cell(table, path)
        cell[L.TOTAL] = sum(cell[c] for c in L.APPLICANT_COLUMNS)
    return table


def totals_by_unit(ids: list[int], year: int) -> dict[int, dict[str, int]]:
    """Per unit: new in the year, answered in the year, carried into next year — one GROUP BY
    for any number of units (the overseers' overview)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    answered = _answered()
    rows = (
        _cases(ids)
        .filter(received_on__lte=end)
        .values_list("organisation_id")
        .annotate(
            new=Count("received_on", filter=Q(received_on__gte=start)),
            answered=Count(
                "received_on", filter=answered & Q(answered_on__gte=start, answered_on__lte=end)
            ),
            carried_out=Count("received_on", filter=~(answered & Q(answered_on__lte=end))),
        )
        .values_list("organisation_id", "new", "answered", "carried_out")
        .order_by()
    )
    return {
        unit: {"new": new, "answered": ans, "carried_out": out}
        for unit, new, ans, out in rows
        if new or ans or out
    }


def _validity_at(doc: Any, when: dt.date, acts: list[Any]) -> Any:
    from gongkai.library.validity import derive_validity

    return derive_validity(
        today=when,
        valid_until=doc.valid_until,
        abolished_on=doc.abolished_on,
        abolition_note=doc.abolition_note,
        acts=acts,
    )


def _acts(doc_ids: list[int]) -> dict[int, list[Any]]:
    from gongkai.library.models import DocumentRelation
    from gongkai.library.validity import ENDING_KINDS, Act

    acts: dict[int, list[Any]] = defaultdict(list)
    relations = DocumentRelation.objects.filter(
        target_id__in=doc_ids, source__live=True, kind__in=ENDING_KINDS
    ).select_related("source")
    for rel in relations:
        src = rel.source
        effective = rel.effective_on or src.valid_from or src.published_on
        if effective is not None:
            acts[rel.target_id].append(
                Act(kind=rel.kind, source_id=src.pk, source_title=src.title, effective_on=effective)
            )
    return acts


def table_2(ids: list[int], year: int) -> dict[str, Any]:
    from gongkai.library.models import DocType, PolicyDocumentPage
    from gongkai.library.validity import Validity
    from gongkai.reports.models import ReportFigure

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    table: dict[str, Any] = {
        item: {row: dict.fromkeys(cols, 0) for row, cols in rows.items()}
        for item, rows in L.TABLE_2.items()
    }
    docs = list(
        PolicyDocumentPage.objects.live()
        .filter(
            organisation_id__in=ids,
            doc_type__in=[DocType.RULE, DocType.NORMATIVE],
            written_on__lte=end,
        )
        .only("pk", "doc_type", "written_on", "valid_until", "abolished_on", "abolition_note")
    )
    acts = _acts([d.pk for d in docs])
    for doc in docs:
        row = table[L.T2_ITEM_1][L.RULES if doc.doc_type == DocType.RULE else L.NORMATIVE]
        if doc.written_on >= start:
            row[L.ISSUED] += 1
        state = _validity_at(doc, end, acts.get(doc.pk, []))
        if state.validity == Validity.VALID:
            row[L.IN_FORCE] += 1
        elif state.changed_on is not None and start <= state.changed_on <= end:
            row[L.ABOLISHED] += 1
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for key, value in ReportFigure.objects.filter(organisation_id__in=ids, year=year).values_list(
        "key", "value"
    ):
        sums[key] += value
    for key, (item, row_label, column) in L.FIGURE_CELLS.items():
        value = sums.get(key, Decimal(0))
        table[item][row_label][column] = float(value) if key == "fees" else int(value)
    return table


def table_4(ids: list[int], year: int) -> dict[str, Any]:
    from gongkai.applications.models import Appeal

    table = L.empty_t4()
    counts = (
        Appeal.objects.filter(organisation_id__in=ids, year=year)
        .values_list("kind", "result")
        .annotate(n=Count("pk"))
        .values_list("kind", "result", "n")
    )
    for kind, result, n in counts:
        group = table[L.APPEAL_GROUP[kind]]
        group[L.APPEAL_RESULT[result]] += n
        group[L.TOTAL] += n
    return table


def compute(organ: Any, year: int, *, subtree: bool = False) -> dict[str, Any]:
    """The three tables of ``organ``'s report for ``year`` (with its subtree for the city's
    overview), in the labels.py shape."""
    ids = unit_ids(organ, subtree)
    return {
        "organ": organ.name,
        "year": year,
        "二": table_2(ids, year),
        "三": table_3(ids, year),
        "四": table_4(ids, year),
    }


def charts(organ: Any, year: int, *, subtree: bool = False) -> dict[str, Any]:
    """Applications answered by month and outcome group; the share answered by the deadline."""
    ids = unit_ids(organ, subtree)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    answered = _cases(ids).filter(_answered(), answered_on__gte=start, answered_on__lte=end)
    months: dict[int, dict[str, int]] = {m: {} for m in range(1, 13)}
    rows = (
        answered.annotate(month=ExtractMonth("answered_on"))
        .values_list("month", "outcome")
        .annotate(n=Count("pk"))
        .values_list("month", "outcome", "n")
    )
    for month, outcome, n in rows:
        group = L.outcome_cell(outcome)[0]
        months[month][group] = months[month].get(group, 0) + n
    timed = answered.filter(current_due_on__isnull=False)
    on_time = timed.filter(answered_on__lte=F("current_due_on")).count()
    late = timed.count() - on_time
    return {
        "by_month": [(m, months[m]) for m in range(1, 13)],
        "on_time": on_time,
        "late": late,
        "on_time_rate": (on_time / (on_time + late)) if (on_time + late) else None,
    }
