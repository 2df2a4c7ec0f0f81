"""Import of historical cases and of reconsideration/litigation records from older systems.

``number, organ, received_on, applicant_type, closed_on, outcome`` and ``organ, year, kind,
result`` (docs/applications.md). Every row is checked first; a file with any bad row is
reported with line numbers and nothing of it is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.applications import outcomes
from gongkai.applications.models import AppealKind, AppealResult, ApplicantType, Application
from gongkai.applications.services.records import (
    AppealData,
    ImportedCase,
    ImportSummary,
    appeals_import,
    cases_import,
)
from gongkai.organisations.models import Organisation
from gongkai.organisations.selectors import find_organisation

T = TypeVar("T")


def run_import(command: BaseCommand, path: Path, work: Callable[[Path], T]) -> T:
    """The commands' shared frame: a missing file or a rejected file is a CommandError after
    every problem is listed (nothing of a rejected file is written)."""
    if not path.is_file():
        raise CommandError(f"找不到文件：{path}")
    try:
        return work(path)
    except ImportRejected as rejected:
        for problem in rejected.problems:
            command.stderr.write(problem)
        raise CommandError(f"共 {len(rejected.problems)} 处错误，文件未导入任何记录。") from None


class ImportRejected(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


APPLICANT_TYPES = {str(label): value for value, label in ApplicantType.choices}
APPEAL_KINDS = {str(label): value for value, label in AppealKind.choices}
APPEAL_RESULTS = {str(label): value for value, label in AppealResult.choices}


def read_rows(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportRejected([f"{path.name}：无法识别文件编码（请使用 UTF-8 或 GB18030）。"])
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportRejected(
            [f"{path.name}：缺少列 {', '.join(missing)}（应为 {','.join(columns)}）。"]
        )
    return [
        (n, {k.strip(): (v or "").strip() for k, v in row.items() if k})
        for n, row in enumerate(reader, start=2)
    ]


def _date(value: str, label: str, where: str, problems: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.replace("/", "-"))
    except ValueError:
        problems.append(f"{where}：{label}“{value}”不是日期（YYYY-MM-DD）。")
        return None


def find_unit_by_key(
    value: str, where: str, problems: list[str], cache: dict[str, Organisation | None]
) -> Organisation | None:
    if value not in cache:
        cache[value] = find_organisation(value) if value else None
    if cache[value] is None:
        problems.append(f"{where}：找不到单位“{value}”（写单位全称或统一社会信用代码）。")
    return cache[value]


def find_year(value: str, where: str, problems: list[str], *, first: int) -> int | None:
    """A year from ``first`` to 2100, or a problem noted."""
    year = int(value) if value.isdigit() and first <= int(value) <= 2100 else None
    if year is None:
        problems.append(f"{where}：年度“{value}”不正确。")
    return year


def import_applications(path: Path) -> ImportSummary:
    rows = read_rows(
        path, ["number", "organ", "received_on", "applicant_type", "closed_on", "outcome"]
    )
    problems: list[str] = []
    units: dict[str, Organisation | None] = {}
    seen: set[str] = set()
    planned: list[ImportedCase] = []
    today = timezone.localdate()
    for line, row in rows:
        where = f"{path.name} 第{line}行"
        number = row["number"]
        if not number:
            problems.append(f"{where}：缺少编号。")
        elif number in seen or Application.objects.filter(number=number).exists():
            problems.append(f"{where}：编号“{number}”重复。")
        seen.add(number)
        unit = find_unit_by_key(row["organ"], where, problems, units)
        received = _date(row["received_on"], "收到日期", where, problems)
        if received is None and row["received_on"] == "":
            problems.append(f"{where}：缺少收到日期。")
        closed = _date(row["closed_on"], "办结日期", where, problems)
        kind = APPLICANT_TYPES.get(row["applicant_type"])
        if kind is None:
            problems.append(
                f"{where}：申请人类型“{row['applicant_type']}”应为 {'、'.join(APPLICANT_TYPES)} 之一。"
            )
        outcome = outcomes.find(row["outcome"]) if row["outcome"] else None
        if row["outcome"] and outcome is None:
            problems.append(
                f"{where}：办理结果“{row['outcome']}”不是年报表三的类别（如 予以公开、不予公开/属于国家秘密）。"
            )
        if bool(outcome) != bool(closed):
            problems.append(
                f"{where}：已办结的申请须同时填写办结日期和办理结果，未办结的两者都不填。"
            )
        if received and closed and closed < received:
            problems.append(f"{where}：办结日期早于收到日期。")
        if received and received > today:
            problems.append(f"{where}：收到日期晚于今天。")
        if unit is not None and received is not None and kind is not None:
            planned.append(ImportedCase(number, unit, received, kind, closed, outcome))
    if problems:
        raise ImportRejected(problems)
    return cases_import(actor=None, rows=planned)


def import_appeals(path: Path) -> int:
    rows = read_rows(path, ["organ", "year", "kind", "result"])
    problems: list[str] = []
    units: dict[str, Organisation | None] = {}
    planned: list[AppealData] = []
    for line, row in rows:
        where = f"{path.name} 第{line}行"
        unit = find_unit_by_key(row["organ"], where, problems, units)
        year = find_year(row["year"], where, problems, first=2000)
        kind = APPEAL_KINDS.get(row["kind"])
        if kind is None:
            problems.append(f"{where}：类型“{row['kind']}”应为 {'、'.join(APPEAL_KINDS)} 之一。")
        result = APPEAL_RESULTS.get(row["result"])
        if result is None:
            problems.append(
                f"{where}：结果“{row['result']}”应为 {'、'.join(APPEAL_RESULTS)} 之一。"
            )
        if unit is not None and year is not None and kind is not None and result is not None:
            planned.append(AppealData(organisation=unit, year=year, kind=kind, result=result))
    if problems:
        raise ImportRejected(problems)
    return appeals_import(actor=None, rows=planned)
