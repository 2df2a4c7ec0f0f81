"""The consistency checks (勾稽关系) of an annual report's tables, and the batch check of a
directory of reports for a city office. Pure functions of the parsed tables; see
docs/report-validation.md for each rule and its source.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.reports.validation import labels as L
from gongkai.reports.validation.parse import (
    LAYOUT_2019,
    LAYOUT_2021,
    Origin,
    ParsedReport,
    UnusableReport,
    parse_file,
)

Cell = tuple[str, ...]
PREVIOUS = "上年报告"  # first element of a cell path in the previous year's report

ERROR, WARN = "error", "warn"


@dataclass(frozen=True)
class Finding:
    rule: str
    cells: tuple[Cell, ...]
    expected: Any
    found: Any
    message: str
    level: str = ERROR
    where: tuple[str, ...] = ()  # the cells as printed (label, position, text), for people

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "level": self.level,
            "cells": [list(c) for c in self.cells],
            "expected": self.expected,
            "found": self.found,
            "message": self.message,
            "where": list(self.where),
        }


@dataclass
class ValidationResult:
    layout: str
    tables: dict[str, Any]
    errors: list[Finding] = field(default_factory=list)
    unit: str = ""
    year: int | None = None
    layout_evidence: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.level == ERROR for f in self.errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "layout": self.layout,
            "organ": self.unit,
            "year": self.year,
            "tables": self.tables,
            "errors": [f.as_dict() for f in self.errors],
        }


# --- Helpers --------------------------------------------------------------------------------------


def _row_name(path: tuple[str, ...]) -> str:
    """A row of 三 by its official label: the item with its group (（三）不予公开 1.属于国家秘密)."""
    if path[0] == L.RESULTS and len(path) > 1:
        return " ".join(path[1:])
    return path[-1]


def _outcome_rows(t3: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Mapping[str, int]]]:
    """Every outcome row under 三、本年度办理结果 except （七）总计: （一）, （二）, the items of （三）–（六）
    (or, in the 2019 layout, （六）其他处理 as one row)."""
    for group, node in t3[L.RESULTS].items():
        if group == L.RESULTS_TOTAL:
            continue
        if L.TOTAL in node:
            yield (L.RESULTS, group), node
        else:
            for item, row in node.items():
                yield (L.RESULTS, group, item), row


def _all_rows(t3: Mapping[str, Any]) -> Iterator[tuple[tuple[str, ...], Mapping[str, int]]]:
    yield (L.NEW,), t3[L.NEW]
    yield (L.CARRIED_IN,), t3[L.CARRIED_IN]
    yield from _outcome_rows(t3)
    yield (L.RESULTS, L.RESULTS_TOTAL), t3[L.RESULTS][L.RESULTS_TOTAL]
    yield (L.CARRIED_OUT,), t3[L.CARRIED_OUT]


class _Checker:
    def __init__(self, report: ParsedReport, previous: ParsedReport | None) -> None:
        self.report = report
        self.previous = previous
        self.findings: list[Finding] = []

    def add(
        self,
        rule: str,
        cells: Sequence[Cell],
        *,
        expected: Any,
        found: Any,
        message: str,
        level: str = ERROR,
        shown: int = 1,
    ) -> None:
        # A rule that reads a cell the parser could not find says nothing: the parse problem
        # already stands for it.
        for cell in cells:
            source = self.previous if cell[0] == PREVIOUS else self.report
            plain = cell[1:] if cell[0] == PREVIOUS else cell
            if source is not None and plain in source.missing:
                return
        # Where the cells were printed: the cell the rule found wrong (first), or all of them.
        where = tuple(self._where(c) for c in cells[:shown] if self._origin(c) is not None)
        self.findings.append(Finding(rule, tuple(cells), expected, found, message, level, where))

    def _origin(self, cell: Cell) -> Origin | None:
        if cell[0] == PREVIOUS:
            return self.previous.origins.get(cell[1:]) if self.previous else None
        return self.report.origins.get(cell)

    def _where(self, cell: Cell) -> str:
        origin = self._origin(cell)
        assert origin is not None  # noqa: S101 -- filtered by the caller
        prefix = "上年报告" if cell[0] == PREVIOUS else ""
        return prefix + origin.describe()

    # 三: per column, 一 + 二 = （七）总计 + 四 — the 勾稽关系 printed in the table's own corner
    # cell (国办公开办函〔2021〕30号, table 三: "第一项加第二项之和，等于第三项加第四项之和").
    def t3_balance(self, t3: Mapping[str, Any]) -> None:
        total = t3[L.RESULTS][L.RESULTS_TOTAL]
        for column in L.COLUMNS:
            left = t3[L.NEW][column] + t3[L.CARRIED_IN][column]
            right = total[column] + t3[L.CARRIED_OUT][column]
            if left != right:
                self.add(
                    "t3.balance",
                    [
                        ("三", L.NEW, column),
                        ("三", L.CARRIED_IN, column),
                        ("三", L.RESULTS, L.RESULTS_TOTAL, column),
                        ("三", L.CARRIED_OUT, column),
                    ],
                    expected=left,
                    found=right,
                    message=f"{column}列：一+二={left}，（七）总计+四={right}",
                    shown=4,
                )

    # 三: per column, （七）总计 = the sum of every outcome row — derived from the layout of the
    # table (domain-research.md §2.3 [derived]): 第三项 is the outcomes, （七） their total.
    def t3_results_total(self, t3: Mapping[str, Any]) -> None:
        rows = list(_outcome_rows(t3))
        for column in L.COLUMNS:
            expected = sum(row[column] for _path, row in rows)
            found = t3[L.RESULTS][L.RESULTS_TOTAL][column]
            if expected != found:
                self.add(
                    "t3.results_total",
                    [("三", L.RESULTS, L.RESULTS_TOTAL, column)]
                    + [("三", *path, column) for path, _row in rows],
                    expected=expected,
                    found=found,
                    message=f"{column}列：（一）至（六）各项之和={expected}，（七）总计={found}",
                )

    # 三: per row, 总计 = 自然人 + the five 法人或其他组织 columns (the table's header: 总计 of the
    # 申请人情况; domain-research.md §2.3 [derived]).
    def t3_column_total(self, t3: Mapping[str, Any]) -> None:
        for path, row in _all_rows(t3):
            expected = sum(row[c] for c in L.APPLICANT_COLUMNS)
            if expected != row[L.TOTAL]:
                self.add(
                    "t3.column_total",
                    [("三", *path, L.TOTAL)] + [("三", *path, c) for c in L.APPLICANT_COLUMNS],
                    expected=expected,
                    found=row[L.TOTAL],
                    message=f"“{_row_name(path)}”行：自然人至其他六列之和={expected}，总计列={row[L.TOTAL]}",
                )

    # A group row printed with figures of its own (not in the 2021 format, which has no
    # subtotals, but some reports add them): it must equal its items.
    def t3_subtotals(self, t3: Mapping[str, Any]) -> None:
        for group, subtotal in self.report.subtotals.items():
            items = t3[L.RESULTS][group]
            for column in L.COLUMNS:
                expected = sum(row[column] for row in items.values())
                if expected != subtotal[column]:
                    self.add(
                        "t3.group_subtotal",
                        [("三", L.RESULTS, group, "小计", column)]
                        + [("三", L.RESULTS, group, item, column) for item in items],
                        expected=expected,
                        found=subtotal[column],
                        message=f"{column}列：“{group}”行={subtotal[column]}，其下各项之和={expected}",
                    )

    # 四: per group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (the table's columns;
    # domain-research.md §2.4 [derived]).
    def t4_group_total(self, t4: Mapping[str, Mapping[str, int]]) -> None:
        for group in L.T4_GROUPS:
            expected = sum(t4[group][c] for c in L.T4_RESULTS)
            found = t4[group][L.TOTAL]
            if expected != found:
                self.add(
                    "t4.group_total",
                    [("四", group, L.TOTAL)] + [("四", group, c) for c in L.T4_RESULTS],
                    expected=expected,
                    found=found,
                    message=f"{group}：结果维持+结果纠正+其他结果+尚未审结={expected}，总计={found}",
                )

    # Across years: 上年结转 (Y) = 结转下年度继续办理 (Y−1), per column — the same open applications
    # counted at the end of one year and the start of the next (DOMAIN.md §2, counting).
    def carried_over(self, t3: Mapping[str, Any], before: Mapping[str, Any]) -> None:
        for column in L.COLUMNS:
            expected = before[L.CARRIED_OUT][column]
            found = t3[L.CARRIED_IN][column]
            if expected != found:
                self.add(
                    "prev.carried_over",
                    [("三", L.CARRIED_IN, column), (PREVIOUS, "三", L.CARRIED_OUT, column)],
                    expected=expected,
                    found=found,
                    message=f"{column}列：本年“{L.CARRIED_IN}”={found}，"
                    f"上年报告“{L.CARRIED_OUT}”={expected}",
                    shown=2,
                )

    # Across years: 现行有效件数 (Y) = 现行有效件数 (Y−1) + 本年制发件数 (Y) − 本年废止件数 (Y). A checking
    # tools' convention, not a rule of the format (domain-research.md §2.2 [U]): a warning only,
    # since documents can also lapse without being abolished.
    def in_force(self, t2: Mapping[str, Any], before: Mapping[str, Any]) -> None:
        for kind in (L.RULES, L.NORMATIVE):
            now = t2[L.T2_ITEM_1][kind]
            last = before[L.T2_ITEM_1][kind][L.IN_FORCE]
            expected = last + now[L.ISSUED] - now[L.ABOLISHED]
            if expected != now[L.IN_FORCE]:
                here = ("二", L.T2_ITEM_1, kind)
                self.add(
                    "prev.in_force",
                    [
                        (*here, L.IN_FORCE),
                        (PREVIOUS, *here, L.IN_FORCE),
                        (*here, L.ISSUED),
                        (*here, L.ABOLISHED),
                    ],
                    expected=expected,
                    found=now[L.IN_FORCE],
                    message=f"{kind}：上年现行有效件数{last}+本年制发件数{now[L.ISSUED]}"
                    f"−本年废止件数{now[L.ABOLISHED]}={expected}，本年现行有效件数={now[L.IN_FORCE]}",
                    level=WARN,
                )


def _as_report(report: ParsedReport | Mapping[str, Any]) -> ParsedReport:
    if isinstance(report, ParsedReport):
        return report
    # A report computed here ({"organ", "year", "二", "三", "四"}): taken as it is.
    tables = {k: report[k] for k in ("二", "三", "四") if k in report}
    year = report.get("year")
    return ParsedReport(
        layout=str(report.get("layout") or LAYOUT_2021),
        tables=tables,
        source="data",
        unit=str(report.get("organ") or ""),
        year=year if isinstance(year, int) else None,
    )


def validate(
    report: ParsedReport | Mapping[str, Any],
    previous: ParsedReport | Mapping[str, Any] | None = None,
) -> ValidationResult:
    """Check a report's tables (and, given the previous year's report, the figures carried
    between the two). Parse problems come first, then the rules in the order of the tables."""
    parsed = _as_report(report)
    before = _as_report(previous) if previous is not None else None
    checker = _Checker(parsed, before)
    for problem in parsed.problems:
        checker.findings.append(
            Finding(problem.rule, problem.cells, None, None, problem.message, problem.level)
        )
    t3, t4 = parsed.tables.get("三"), parsed.tables.get("四")
    if t3 is not None:
        checker.t3_balance(t3)
        checker.t3_results_total(t3)
        checker.t3_column_total(t3)
        checker.t3_subtotals(t3)
    if t4 is not None:
        checker.t4_group_total(t4)
    if before is not None:
        _check_previous(checker, parsed, before)
    return ValidationResult(
        layout=parsed.layout,
        tables=parsed.tables,
        errors=checker.findings,
        unit=parsed.unit,
        year=parsed.year,
        layout_evidence=list(parsed.layout_evidence),
    )


def _check_previous(checker: _Checker, parsed: ParsedReport, before: ParsedReport) -> None:
    if parsed.year and before.year and before.year != parsed.year - 1:
        checker.findings.append(
            Finding(
                "prev.year",
                (),
                parsed.year - 1,
                before.year,
                f"上年报告的年度为{before.year}年，本报告为{parsed.year}年，二者不相邻。",
                WARN,
            )
        )
    if "三" in parsed.tables and "三" in before.tables:
        checker.carried_over(parsed.tables["三"], before.tables["三"])
    if parsed.layout == LAYOUT_2021 and before.layout == LAYOUT_2021:
        if "二" in parsed.tables and "二" in before.tables:
            checker.in_force(parsed.tables["二"], before.tables["二"])
    else:
        checker.findings.append(
            Finding(
                "prev.in_force",
                (),
                None,
                None,
                "其中一份报告为2021年以前的格式（表二没有“现行有效件数”），未核对现行有效件数。",
                "info",
            )
        )


# --- Batch (a city office's check of its units' reports) ------------------------------------------

REPORT_SUFFIXES = (".html", ".htm", ".shtml", ".txt", ".docx", ".json")


@dataclass
class BatchEntry:
    file: str
    unit: str
    status: str  # "ok" | "errors" | "unusable"
    errors: int = 0
    warnings: int = 0
    first_error: str = ""
    layout: str = ""
    year: int | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["ok"] = self.ok
        data["findings"] = [f.as_dict() for f in self.findings]
        return data


def _unit_name(report: ParsedReport, path: Path) -> str:
    return report.unit or path.stem


def report_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(".")
    )


def validate_directory(
    directory: Path, *, year: int, previous_directory: Path | None = None
) -> list[BatchEntry]:
    """Check every report file in a directory (one per unit). With the previous year's directory,
    each unit's report is also checked against its previous one, matched by unit name."""
    previous: dict[str, ParsedReport] = {}
    if previous_directory is not None:
        for path in report_files(previous_directory):
            try:
                report = parse_file(path)
            except UnusableReport:
                continue
            previous[_unit_name(report, path)] = report
    entries = []
    for path in report_files(directory):
        try:
            report = parse_file(path)
        except UnusableReport as exc:
            entries.append(
                BatchEntry(path.name, path.stem, "unusable", errors=1, first_error=str(exc))
            )
            continue
        unit = _unit_name(report, path)
        result = validate(report, previous.get(unit))
        findings = list(result.errors)
        if report.year is not None and report.year != year:
            findings.insert(
                0,
                Finding(
                    "batch.year",
                    (),
                    year,
                    report.year,
                    f"报告标题的年度为{report.year}年，不是{year}年。",
                ),
            )
        errors = [f for f in findings if f.level == ERROR]
        entries.append(
            BatchEntry(
                file=path.name,
                unit=unit,
                status="errors" if errors else "ok",
                errors=len(errors),
                warnings=sum(1 for f in findings if f.level == WARN),
                first_error=errors[0].message if errors else "",
                layout=result.layout,
                year=report.year,
                findings=findings,
            )
        )
    return entries


__all__ = [
    "LAYOUT_2019",
    "LAYOUT_2021",
    "BatchEntry",
    "Finding",
    "ValidationResult",
    "report_files",
    "validate",
    "validate_directory",
]
