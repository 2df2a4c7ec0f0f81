"""gongkai mailbox-remind — reminders before letters fall due and escalation of overdue ones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.locks import command_lock
from gongkai.mailbox import services


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from None


class Command(BaseCommand):
    help = (
        "来信办理：到期前提醒承办人，逾期来信向政务公开办督办（每日定时运行，重复运行不重复提醒）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=_date, help="按指定日期运行（YYYY-MM-DD，核对用）")

    def handle(self, *args: Any, **options: Any) -> None:
        with command_lock("mailbox-remind") as acquired:
            if not acquired:
                self.stdout.write("另一个来信提醒任务正在运行，本次跳过。")
                return
            stats = services.letters_remind(today=options.get("today"))
        self.stdout.write(f"到期提醒 {stats.due_soon} 件，逾期督办 {stats.escalated} 件。")
