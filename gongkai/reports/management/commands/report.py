"""gongkai report annual|validate|batch — the annual report (政府信息公开工作年度报告): compute it,
check a published one, check every unit's report for a city office."""

from __future__ import annotations

import csv
import importlib
import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.applications.importing import run_import
from gongkai.reports.importing import import_figures
from gongkai.reports.stored import validate_stored
from gongkai.reports.validation.parse import LAYOUT_2019, UnusableReport, parse_file
from gongkai.reports.validation.validate import (
    BatchEntry,
    ValidationResult,
    validate,
    validate_directory,
)

EXIT_OK, EXIT_ERRORS, EXIT_UNUSABLE = 0, 1, 2
_LEVELS = {"error": "错误", "warn": "提醒", "info": "说明"}
_ANNUAL = "gongkai.reports.cli_annual"


def _annual_module() -> ModuleType | None:
    """The `annual` subcommand lives in its own module (the computation's); until it exists,
    `annual` says it is not implemented."""
    try:
        return importlib.import_module(_ANNUAL)
    except ModuleNotFoundError as exc:
        if exc.name != _ANNUAL:
            raise
        return None


class Command(BaseCommand):
    help = (
        "年度报告：report annual 生成本单位年度报告，report validate 检查一份年度报告的勾稽关系"
        "（错误时退出码为 1，无法读取为 2），report batch 检查一个目录中各单位的年度报告。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)

        annual = sub.add_parser("annual", help="生成政府信息公开工作年度报告")
        module = _annual_module()
        if module is not None:
            module.add_arguments(annual)
        else:
            annual.add_argument("rest", nargs="*")

        check = sub.add_parser(
            "validate", help="检查一份年度报告（HTML、文本、DOCX 或 JSON）的勾稽关系"
        )
        check.add_argument("file", help="年度报告文件")
        check.add_argument("--previous", metavar="FILE", help="上一年度的年度报告，用于核对结转数")
        check.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")

        figures = sub.add_parser(
            "figures", help="导入表二中其他系统的数据（CSV：organ,year,key,value,source）"
        )
        figures.add_argument("file", help="CSV 文件")

        batch = sub.add_parser("batch", help="检查一个目录中各单位的年度报告，输出汇总")
        batch.add_argument("directory", metavar="DIR", nargs="?", help="存放各单位年度报告的目录")
        batch.add_argument(
            "--stored", action="store_true", help="检查本系统中各单位的年度报告（含未编制的单位）"
        )
        batch.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
        batch.add_argument(
            "--previous", metavar="DIR", help="上一年度各单位年度报告的目录（按单位名称对应）"
        )
        batch.add_argument(
            "--format", choices=["text", "json", "csv"], default="text", help="输出格式"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "annual":
            module = _annual_module()
            if module is None:
                self.stderr.write("未实现")
                raise SystemExit(EXIT_UNUSABLE)
            code = module.run(options, self.stdout, self.stderr)
            if isinstance(code, int) and code:
                raise SystemExit(code)
            return
        if action == "validate":
            self._validate(options)
        elif action == "figures":
            count = run_import(self, Path(options["file"]), import_figures)
            self.stdout.write(f"已导入 {count} 项年报数据。")
        else:
            self._batch(options)

    # validate -------------------------------------------------------------------------------
    def _validate(self, options: dict[str, Any]) -> None:
        try:
            report = parse_file(options["file"])
            previous = parse_file(options["previous"]) if options["previous"] else None
        except UnusableReport as exc:
            self.stderr.write(f"无法检查：{exc}")
            raise SystemExit(EXIT_UNUSABLE) from None
        result = validate(report, previous)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._write_result(options["file"], result)
        if not result.ok:
            raise SystemExit(EXIT_ERRORS)

    def _write_result(self, name: str, result: ValidationResult) -> None:
        title = " ".join(p for p in (result.unit, f"{result.year}年" if result.year else "") if p)
        self.stdout.write(f"{name}{'（' + title + '）' if title else ''}")
        if result.layout == LAYOUT_2019:
            evidence = "；".join(result.layout_evidence)
            self.stdout.write(
                f"注意：本报告使用2021年以前的格式（{evidence}），"
                "现行格式为国办公开办函〔2021〕30号；可核对的勾稽关系照常核对。"
            )
        for finding in result.errors:
            self.stdout.write(f"[{_LEVELS[finding.level]}] {finding.rule}  {finding.message}")
            for where in finding.where:
                if "原文" in where:
                    self.stdout.write(f"        {where}")
        errors = sum(1 for f in result.errors if f.level == "error")
        warnings = sum(1 for f in result.errors if f.level == "warn")
        if result.ok:
            self.stdout.write(f"勾稽关系相符。提醒 {warnings} 项。")
        else:
            self.stdout.write(f"共 {errors} 项错误，{warnings} 项提醒。")

    # batch ----------------------------------------------------------------------------------
    def _batch(self, options: dict[str, Any]) -> None:
        if options.get("stored"):
            self._report_batch(options, validate_stored(options["year"]))
            return
        if not options.get("directory"):
            self.stderr.write("无法检查：请指定目录，或用 --stored 检查本系统中的年度报告。")
            raise SystemExit(EXIT_UNUSABLE)
        directory = Path(options["directory"])
        previous = Path(options["previous"]) if options["previous"] else None
        for folder in (directory, previous):
            if folder is not None and not folder.is_dir():
                self.stderr.write(f"无法检查：目录 {folder} 不存在或无法读取。")
                raise SystemExit(EXIT_UNUSABLE)
        entries = validate_directory(directory, year=options["year"], previous_directory=previous)
        if not entries:
            self.stderr.write(
                f"无法检查：目录 {directory} 中没有年度报告文件（HTML、TXT、DOCX、JSON）。"
            )
            raise SystemExit(EXIT_UNUSABLE)
        self._report_batch(options, entries)

    def _report_batch(self, options: dict[str, Any], entries: list[BatchEntry]) -> None:
        fmt = options["format"]
        if fmt == "json":
            payload = {
                "year": options["year"],
                "ok": all(e.ok for e in entries),
                "totals": _totals(entries),
                "units": [e.as_dict() for e in entries],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        elif fmt == "csv":
            self.stdout.write(_csv(entries), ending="")
        else:
            self._write_batch(options["year"], entries)
        if not all(e.ok for e in entries):
            raise SystemExit(EXIT_ERRORS)

    def _write_batch(self, year: int, entries: list[BatchEntry]) -> None:
        self.stdout.write(f"{year}年度政府信息公开工作年度报告检查汇总")
        for e in entries:
            mark = {"ok": "通过", "errors": "有错误", "unusable": "无法读取"}[e.status]
            old = "（2021年以前格式）" if e.layout == LAYOUT_2019 else ""
            line = f"{e.unit}（{e.file}）：{mark}{old}"
            if e.errors:
                line += f"，错误 {e.errors} 项；首个：{e.first_error}"
            if e.warnings:
                line += f"；提醒 {e.warnings} 项"
            self.stdout.write(line)
        totals = _totals(entries)
        self.stdout.write(
            f"合计：{totals['units']} 个单位，通过 {totals['ok']}，有错误 {totals['errors']}，"
            f"无法读取 {totals['unusable']}；错误共 {totals['error_count']} 项。"
        )


def _totals(entries: list[BatchEntry]) -> dict[str, int]:
    return {
        "units": len(entries),
        "ok": sum(1 for e in entries if e.status == "ok"),
        "errors": sum(1 for e in entries if e.status == "errors"),
        "unusable": sum(1 for e in entries if e.status == "unusable"),
        "error_count": sum(e.errors for e in entries),
    }


def _csv(entries: list[BatchEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["单位", "文件", "结果", "格式", "错误数", "提醒数", "首个错误"])
    status = {"ok": "通过", "errors": "有错误", "unusable": "无法读取"}
    for e in entries:
        layout = {"2019": "2021年以前", "2021": "2021"}.get(e.layout, "")
        row = [e.unit, e.file, status[e.status], layout, e.errors, e.warnings, e.first_error]
        writer.writerow(row)
    return out.getvalue()
