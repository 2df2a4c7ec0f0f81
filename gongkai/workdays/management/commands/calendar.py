"""gongkai calendar import|list|seed — maintain the working-day calendar (工作日历)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.deadlines import workdays_between
from gongkai.workdays.management.commands.deadline import EXIT_BAD_INPUT, _exit_2_on_usage_errors
from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.services import (
    CalendarFileError,
    ImportResult,
    calendar_import,
    calendar_seed,
    parse_calendar_csv,
)


class Command(BaseCommand):
    help = "工作日历：calendar import 导入节假日安排（CSV：date,type），calendar list 查看，calendar seed 从 chinesecalendar 重新载入。"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        _exit_2_on_usage_errors(parser)
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="导入 CSV（date,type；type 为 holiday 或 workday）")
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--official-year",
            type=int,
            action="append",
            dest="official_years",
            help="标记为已载入官方安排的年度（默认：文件完整覆盖的年度，即含 1 月和 10 月数据）",
        )
        imp.add_argument(
            "--replace", action="store_true", help="先删除这些年度已有的例外日期，再导入"
        )
        lst = sub.add_parser("list", help="列出某年的节假日与调休上班日")
        lst.add_argument("--year", type=int, required=True)
        sub.add_parser(
            "seed", help="从 chinesecalendar 软件包重新载入 2004 年起的官方安排（可重复运行）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            self._import(options["file"], options["official_years"], options["replace"])
        elif action == "list":
            self._list(options["year"])
        else:
            self._report(calendar_seed())

    def _import(self, path: Path, official_years: list[int] | None, replace: bool) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取 {path}：{exc}", returncode=EXIT_BAD_INPUT) from exc
        try:
            rows = parse_calendar_csv(text)
        except CalendarFileError as exc:
            for line in exc.errors:
                self.stderr.write(line)
            raise CommandError(
                f"{path} 有 {len(exc.errors)} 行错误，未导入任何数据。", returncode=EXIT_BAD_INPUT
            ) from exc
        if not rows:
            raise CommandError(f"{path} 中没有数据。", returncode=EXIT_BAD_INPUT)
        self._report(calendar_import(rows=rows, official_years=official_years, replace=replace))

    def _report(self, result: ImportResult) -> None:
        self.stdout.write(
            f"写入 {result.stored} 天，删除 {result.removed} 天，未变 {result.unchanged} 天。"
        )
        if result.official_years:
            years = "、".join(str(y) for y in result.official_years)
            self.stdout.write(f"已载入官方安排的年度：{years}")
        if result.partial_years:
            years = "、".join(str(y) for y in result.partial_years)
            self.stderr.write(
                f"注意：{years} 年的数据不完整（缺 1 月或 10 月），已导入但仍按暂定处理；"
                "确认完整后用 --official-year 标记。"
            )
        if result.changed_years:
            years = "、".join(str(y) for y in sorted(result.changed_years))
            self.stdout.write(f"日历已变动的年度：{years}（将重新计算相关案件的期限）")

    def _list(self, year: int) -> None:
        entry = CalendarYear.objects.filter(year=year).first()
        official = entry is not None and entry.official
        self.stdout.write(
            f"{year} 年："
            + (
                f"已载入官方安排（来源：{entry.get_source_display()}）"
                if entry is not None and official
                else "未载入官方安排，按周一至周五并扣除法定节假日推算（未计调休），相关期限为暂定"
            )
        )
        for day in CalendarDay.objects.filter(date__year=year):
            weekday = "一二三四五六日"[day.date.weekday()]
            label = "放假" if day.kind == "holiday" else "上班"
            self.stdout.write(f"{day.date.isoformat()} 星期{weekday} {label} {day.note}".rstrip())
        total = workdays_between(DatabaseCalendar(), date(year - 1, 12, 31), date(year, 12, 31))
        self.stdout.write(f"全年工作日：{total} 天")
