"""gongkai deadline — compute the reply deadline of an application from its dates."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.deadlines import (
    CONSULTATION_AGENCY,
    CONSULTATION_THIRD_PARTY,
    FEE,
    CaseClock,
    Pause,
    compute,
)

PAUSE_ALIASES = {
    "third_party": CONSULTATION_THIRD_PARTY,
    "third-party": CONSULTATION_THIRD_PARTY,
    CONSULTATION_THIRD_PARTY: CONSULTATION_THIRD_PARTY,
    "agency": CONSULTATION_AGENCY,
    CONSULTATION_AGENCY: CONSULTATION_AGENCY,
    FEE: FEE,
}
EXIT_BAD_INPUT = 2


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期“{value}”无效，应为 YYYY-MM-DD 格式的真实日期"
        ) from None


def parse_pause(value: str) -> Pause:
    """``[KIND:]FROM:TO``; TO may be empty while the answer is awaited."""
    parts = value.split(":")
    if len(parts) == 2:
        kind, start, end = CONSULTATION_THIRD_PARTY, parts[0], parts[1]
    elif len(parts) == 3:
        if parts[0] not in PAUSE_ALIASES:
            raise argparse.ArgumentTypeError(
                f"中止类型“{parts[0]}”无效，应为 third_party、agency 或 fee"
            )
        kind, start, end = PAUSE_ALIASES[parts[0]], parts[1], parts[2]
    else:
        raise argparse.ArgumentTypeError(f"中止期间“{value}”无效，应为 [类型:]开始日期:结束日期")
    return Pause(kind, parse_date(start), parse_date(end) if end.strip() else None)


class Command(BaseCommand):
    help = (
        "计算依申请公开的答复期限（条例第三十至三十三条），输出收到申请之日、答复期限与延长后期限。"
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        _exit_2_on_usage_errors(parser)
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--received", required=True, type=parse_date, help="收到申请之日")
        parser.add_argument(
            "--extended", action="store_true", help="已批准延长答复期限（第三十三条第二款）"
        )
        parser.add_argument(
            "--extension-days", type=int, default=20, help="延长的工作日数（最多 20）"
        )
        parser.add_argument(
            "--pause",
            action="append",
            type=parse_pause,
            default=[],
            metavar="[KIND:]FROM:TO",
            help="不计入期限的期间：征求意见（third_party、agency）或收费（fee）；TO 留空表示尚未结束",
        )
        parser.add_argument(
            "--correction-requested", type=parse_date, help="告知补正之日（第三十条）"
        )
        parser.add_argument("--corrected", type=parse_date, help="收到补正后申请之日")
        parser.add_argument(
            "--correction-period", type=int, default=15, help="补正期限（工作日，默认 15）"
        )
        parser.add_argument(
            "--today", type=parse_date, help="当天日期（默认今天），用于未结束的期间"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        clock = CaseClock(
            received=options["received"],
            correction_requested=options["correction_requested"],
            corrected=options["corrected"],
            pauses=tuple(options["pause"]),
            extended=options["extended"],
            extension_days=options["extension_days"],
            correction_period=options["correction_period"],
            today=options["today"] or timezone.localdate(),
        )
        try:
            result = compute(clock, DatabaseCalendar())
        except ValueError as exc:
            raise CommandError(str(exc), returncode=EXIT_BAD_INPUT) from exc

        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        if options["format"] == "json":
            payload = {
                "received": iso(result.received),
                "due": iso(result.due),
                "extended_due": iso(result.extended_due),
                "provisional": result.provisional,
                "derivation": list(result.derivation),
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        flag = "（暂定）" if result.provisional else ""
        self.stdout.write(f"收到申请之日：{iso(result.received)}")
        self.stdout.write(f"答复期限：{iso(result.due) or '待收到补正后的申请再计算'}{flag}")
        self.stdout.write(f"延长后的答复期限：{iso(result.extended_due) or '—'}{flag}")
        self.stdout.write(f"暂定：{'是' if result.provisional else '否'}")
        self.stdout.write("\n计算过程：")
        for i, step in enumerate(result.derivation, start=1):
            self.stdout.write(f"  {i}. {step}")


def _exit_2_on_usage_errors(parser: CommandParser) -> None:
    """Bad input exits with status 2 and a Chinese message, also when the command is called in
    code (Django's parser raises CommandError there; give it the same status)."""
    original = parser.error

    def error(message: str) -> Any:
        if parser.called_from_command_line:
            return original(message)  # prints usage and exits with status 2
        raise CommandError(f"输入有误：{message}", returncode=EXIT_BAD_INPUT)

    parser.error = error  # type: ignore[method-assign]
