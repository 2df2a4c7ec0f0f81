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

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth

from gongkai.applications.models import Appeal, Application, Status
from gongkai.library.models import (
    DocType,
    DocumentRelation,
    InterpretationPage,
    PolicyDocumentPage,
)
from gongkai.library.selectors import interpretation_rates
from gongkai.library.validity import ENDING_KINDS, Act, DerivedValidity, Validity, derive_validity
from gongkai.organisations.models import Organisation
from gongkai.reports import labels as L
from gongkai.reports.export import ReportDocument
from gongkai.reports.models import ReportFigure


def unit_ids(unit: Organisation, subtree: bool) -> list[int]:
    if not subtree:
        return [unit.pk]
    return list(
        Organisation.objects.filter(path__startswith=unit.path).values_list("pk", flat=True)
    )


def _answered() -> Q:
    return Q(status__in=[Status.REPLIED, Status.CLOSED]) & ~Q(outcome="")


def _cases(ids: list[int]) -> QuerySet[Any]:  # annotated with answered_on
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


def _validity_at(doc: PolicyDocumentPage, when: dt.date, acts: list[Act]) -> DerivedValidity:
    return derive_validity(
        today=when,
        valid_until=doc.valid_until,
        abolished_on=doc.abolished_on,
        abolition_note=doc.abolition_note,
        acts=acts,
    )


def _acts(doc_ids: list[int]) -> dict[int, list[Act]]:
    acts: dict[int, list[Act]] = defaultdict(list)
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


def compute(unit: Organisation, year: int, *, subtree: bool = False) -> dict[str, Any]:
    """The three tables of ``organ``'s report for ``year`` (with its subtree for the city's
    overview), in the labels.py shape."""
    ids = unit_ids(unit, subtree)
    return {
        "organ": unit.name,
        "year": year,
        "二": table_2(ids, year),
        "三": table_3(ids, year),
        "四": table_4(ids, year),
    }


def charts(unit: Organisation, year: int, *, subtree: bool = False) -> dict[str, Any]:
    """Applications answered by month and outcome group; the share answered by the deadline."""
    ids = unit_ids(unit, subtree)
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


# --- The report computed now, with its text sections pre-filled ---------------------------------


def facts(
    unit: Organisation, year: int, t3: dict[str, Any], *, subtree: bool = False
) -> dict[str, Any]:
    """What Gongkai knows of the year, for pre-filling sections 一 and 六 (``t3``: the report's
    table 三, already computed)."""
    ids = unit_ids(unit, subtree)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    policies = PolicyDocumentPage.objects.live().filter(
        organisation_id__in=ids, published_on__gte=start, published_on__lte=end
    )
    major = policies.filter(is_major=True)
    # The honest rate (library.selectors.interpretation_rates): a substantive interpretation
    # released within 3 working days (三同步); excerpt-like ones do not count.
    interpreted = sum(
        r.interpreted
        for r in interpretation_rates(
            None, year=year, units=Organisation.objects.filter(pk__in=ids)
        )
    )
    fees = Application.objects.filter(
        organisation_id__in=ids, fee_paid_on__gte=start, fee_paid_on__lte=end
    ).aggregate(total=Sum("fee_amount"))["total"] or Decimal(0)
    return {
        "policies": policies.count(),
        "interpretations": InterpretationPage.objects.live()
        .filter(organisation_id__in=ids, published_on__gte=start, published_on__lte=end)
        .count(),
        "major": major.count(),
        "major_interpreted": interpreted,
        "new": t3[L.NEW][L.TOTAL],
        "carried_in": t3[L.CARRIED_IN][L.TOTAL],
        "answered": t3[L.RESULTS][L.RESULTS_TOTAL][L.TOTAL],
        "carried_out": t3[L.CARRIED_OUT][L.TOTAL],
        "fees": fees,
    }


def prefilled_sections(
    unit: Organisation, year: int, t3: dict[str, Any], *, subtree: bool = False
) -> dict[str, str]:
    f = facts(unit, year, t3, subtree=subtree)
    rate = (
        f"，重大政策解读率{round(100 * f['major_interpreted'] / f['major'])}%" if f["major"] else ""
    )
    section_1 = (
        f"（一）主动公开\n\n{year}年，{unit.name}主动公开政策文件{f['policies']}件，"
        f"发布政策解读{f['interpretations']}篇；重大政策{f['major']}件，"
        f"其中{f['major_interpreted']}件在3个工作日内同步发布了实质性解读{rate}。\n\n"
        f"（二）依申请公开\n\n本年新收政府信息公开申请{f['new']}件，上年结转{f['carried_in']}件，"
        f"本年办结{f['answered']}件，结转下年度继续办理{f['carried_out']}件。\n\n"
        "（三）政府信息管理\n\n（请填写）\n\n（四）政府信息公开平台建设\n\n（请填写）\n\n"
        "（五）监督保障\n\n（请填写）"
    )
    fee_text = (
        f"依据《政府信息公开信息处理费管理办法》，本年度收取信息处理费共计{f['fees']}元。"
        if f["fees"]
        else "本年度未收取信息处理费。"
    )
    return {
        "section_1": section_1,
        "section_2": "",
        "section_3": "",
        "section_4": "",
        "section_5": "（请填写存在的主要问题及改进情况。）",
        "section_6": f"{fee_text}\n\n本年度政务公开工作要点落实情况：（请填写）",
    }


def frozen_tables(
    unit: Organisation, year: int, *, subtree: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tables 二, 三, 四 and the charts, as a report page keeps them."""
    data = compute(unit, year, subtree=subtree)
    return {key: data[key] for key in ("二", "三", "四")}, charts(unit, year, subtree=subtree)


def computed_document(unit: Organisation, year: int, *, subtree: bool = False) -> ReportDocument:
    """The unit's report for ``year`` computed from Gongkai's records now, with the text
    sections pre-filled (what ``gongkai report annual`` and the office's 编制年度报告 screen
    render; nothing is saved)."""
    tables, chart_data = frozen_tables(unit, year, subtree=subtree)
    texts = prefilled_sections(unit, year, tables["三"], subtree=subtree)
    return ReportDocument(
        unit=unit.name,
        year=year,
        tables=tables,
        sections=dict(zip(L.SECTIONS, [texts[f"section_{n}"] for n in range(1, 7)], strict=True)),
        charts=chart_data,
    )
