"""gongkai mailbox stats|import — the letters' statistics and the migration of an old system's letters.

``stats`` prints per unit the figures of a month or a year counted on the working-day calendar
(mailbox.stats; ``--format json`` prints ``{"units": [{"organ", "received", "answered",
"on_time", "overdue", "unanswered_over_3_months", "average_working_days", …}]}``). ``import``
reads a CSV of ``number, unit, channel, received_at, answered_at, status`` (optional ``subject,
body, name``): every row checked, any bad row refuses the whole file with the rows' numbers, and
``--dry-run`` does everything but the commit (docs/interaction-mailbox-stats.md). Bad options
exit 2 with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from gongkai.mailbox import import_services, stats
from gongkai.organisations.selectors import find_organisation

EXIT_BAD_INPUT = 2
FIRST_YEAR, LAST_YEAR = 2000, 2100


class _DryRun(Exception):
    def __init__(self, summary: import_services.ImportSummary) -> None:
        self.summary = summary


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=EXIT_BAD_INPUT)


def _int(value: str | None, label: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise _bad(f"{label}“{value}”无效，应为 {low} 至 {high} 之间的整数。")
    return int(text)


class Command(BaseCommand):
    help = "来信统计与迁移：mailbox stats 按单位统计来信办理情况，mailbox import 导入原系统来信。"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        _exit_2_on_usage_errors(parser)
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        # Sub-parsers are built by argparse itself: they get the same Chinese exit-2 errors.
        sub_stats = sub.add_parser("stats", help="按单位统计来信（按工作日历计算）")
        sub_stats.add_argument("--organ", help="单位的网址标识或名称（默认全部单位）")
        sub_stats.add_argument("--year", help="年度（默认今年）")
        sub_stats.add_argument("--month", help="月份 1-12（默认全年）")
        sub_stats.add_argument("--as-of", dest="as_of", help="统计截至日期 YYYY-MM-DD（默认今天）")
        sub_stats.add_argument("--format", default="table", help="输出格式：table 或 json")
        sub_import = sub.add_parser("import", help="导入原系统来信（CSV，全部成功或全部不导入）")
        sub_import.add_argument("file", help="CSV 文件")
        sub_import.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        for p in (sub_stats, sub_import):
            _exit_2_on_usage_errors(p)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "stats":
            self._stats(
                unit_key=options["organ"],
                year=options["year"],
                month=options["month"],
                as_of=options["as_of"],
                fmt=options["format"],
            )
        else:
            self._import(file=options["file"], dry_run=options["dry_run"])

    def _stats(
        self,
        *,
        unit_key: str | None,
        year: str | None,
        month: str | None,
        as_of: str | None,
        fmt: str,
    ) -> None:
        if fmt not in ("table", "json"):
            raise _bad(f"输出格式“{fmt}”无效，应为 table 或 json。")
        today = timezone.localdate()
        year_number = _int(year, "年度", FIRST_YEAR, LAST_YEAR) or today.year
        month_number = _int(month, "月份", 1, 12)
        day = today
        if as_of is not None:
            try:
                day = dt.date.fromisoformat(as_of.strip())
            except ValueError:
                raise _bad(f"截至日期“{as_of}”无效，应为 YYYY-MM-DD。") from None
        units = None
        if unit_key is not None:
            unit = find_organisation(unit_key)
            if unit is None:
                raise _bad(f"单位“{unit_key}”不存在。")
            units = [unit]
        period = stats.Period(year_number, month_number)
        rows = stats.unit_stats(period, as_of=day, units=units)
        if fmt == "json":
            payload = {"units": [row.as_json() for row in rows]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{period.label}来信办理情况（截至 {day.isoformat()}，不含无效来信）")
        header = ("单位", "收信", "已答复", "按期", "逾期", "超3个月未答复", "平均工作日", "满意率")
        self.stdout.write("\t".join(header))
        for i, row in enumerate([*rows, stats.totals(rows)]):
            name = row.name if i < len(rows) else "合计"
            avg = "—" if row.average_working_days is None else f"{row.average_working_days:.1f}"
            rate = "—" if row.satisfaction_rate is None else f"{row.satisfaction_rate:.1f}%"
            cells = (
                name,
                row.received,
                row.answered,
                row.on_time,
                row.overdue,
                row.unanswered_over_3_months,
                avg,
                rate,
            )
            self.stdout.write("\t".join(str(c) for c in cells))

    def _import(self, *, file: str, dry_run: bool) -> None:
        path = Path(file)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise _bad(f"无法读取文件 {path}：{exc.strerror}") from exc
        try:
            rows = import_services.parse_letters(raw)
            with transaction.atomic():
                summary = import_services.letters_import(actor=None, rows=rows)
                if dry_run:
                    raise _DryRun(summary)
        except import_services.ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(f"{path.name} {problem}")
            raise _bad(f"共 {len(rejected.problems)} 处错误，文件未导入任何来信。") from None
        except _DryRun as dry:
            summary = dry.summary
            self.stdout.write(
                f"检查通过（未写入）：可导入 {summary.created} 件（已答复 {summary.answered} 件，"
                f"未答复 {summary.open} 件，无效 {summary.invalid} 件）。"
            )
            return
        self.stdout.write(
            f"已导入 {summary.created} 件（已答复 {summary.answered} 件，未答复 {summary.open} 件，"
            f"无效 {summary.invalid} 件）。"
        )


def _exit_2_on_usage_errors(parser: CommandParser) -> None:
    """Bad input exits with status 2 and a Chinese message, also when the command is called in
    code (Django's parser raises CommandError there; give it the same status)."""
    original = parser.error

    def error(message: str) -> Any:
        if getattr(parser, "called_from_command_line", False):
            return original(f"输入有误：{message}")  # prints usage and exits with status 2
        raise CommandError(f"输入有误：{message}", returncode=EXIT_BAD_INPUT)

    parser.error = error  # type: ignore[method-assign]
