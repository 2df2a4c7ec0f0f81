"""gongkai applications — daily reminders and escalation; deadline recomputation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.applications import reminders
from gongkai.applications.services import recompute_open_cases
from gongkai.core.locks import command_lock


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from None


class Command(BaseCommand):
    help = "依申请公开：remind 到期提醒和逾期督办（每日定时运行）；recompute 重新计算未办结申请的期限。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="到期前提醒承办人和单位负责人，逾期告知政务公开办")
        remind.add_argument("--today", type=_date, help="按指定日期运行（核对用）")
        sub.add_parser("recompute", help="按当前工作日历重新计算所有未办结申请的期限")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            with command_lock("applications-remind") as acquired:
                if not acquired:
                    self.stdout.write("另一个提醒任务正在运行，本次跳过。")
                    return
                stats = reminders.run(today=options.get("today"))
            self.stdout.write(f"到期提醒 {stats.due_soon} 件，逾期督办 {stats.overdue} 件。")
        else:
            changed = recompute_open_cases("手动重算")
            self.stdout.write(f"期限有变化的申请 {changed} 件。")
