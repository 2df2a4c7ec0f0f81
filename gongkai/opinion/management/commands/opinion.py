"""gongkai opinion — escalation of overdue public-opinion incidents (run every hour) and the
timeliness statistics per responsible unit."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.core.locks import command_lock
from gongkai.opinion import selectors, services
from gongkai.opinion.models import Incident
from gongkai.organisations.models import Organisation


def _moment(value: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"时间格式应为 YYYY-MM-DDTHH:MM：{value}") from None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


class Command(BaseCommand):
    help = "政务舆情：escalate 逾期督办（建议每小时运行）；stats 各单位回应及时性统计。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        escalate = sub.add_parser(
            "escalate", help="已过回应时限仍缺回应的舆情，告知政务公开办（每件一次）"
        )
        escalate.add_argument("--now", type=_moment, help="按指定时间运行（核对用）")
        stats = sub.add_parser("stats", help="各回应责任单位的回应及时性")
        stats.add_argument("--year", type=int, default=None)
        stats.add_argument("--month", type=int, default=None, choices=range(1, 13))
        stats.add_argument("--organ", help="单位标识（slug）")
        stats.add_argument("--format", choices=["json", "text"], default="text")
        stats.add_argument("--now", type=_moment, help="按指定时间统计（核对用）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "escalate":
            with command_lock("opinion-escalate") as acquired:
                if not acquired:
                    self.stdout.write("另一个督办任务正在运行，本次跳过。")
                    return
                result = services.incidents_escalate(now=options.get("now"))
            self.stdout.write(f"逾期督办 {result.escalated} 件。")
            return
        year = options["year"] or timezone.localdate().year
        if not 2000 <= year <= 2100:
            raise CommandError(f"年度应在 2000 至 2100 之间：{year}")
        incidents = Incident.objects.all()
        if options.get("organ"):
            unit = Organisation.objects.filter(slug=options["organ"]).first()
            if unit is None:
                raise CommandError(f"没有标识为 {options['organ']} 的单位。")
            incidents = incidents.filter(unit=unit)
        units = selectors.timeliness_stats(
            incidents, year=year, month=options.get("month"), now=options.get("now")
        )
        if options["format"] == "json":
            payload = {
                "year": year,
                "month": options.get("month"),
                "units": [u.as_dict() for u in units],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for u in units:
            self.stdout.write(
                f"{u.unit_name}：舆情 {u.incidents} 件，按时回应 {u.on_time} 件，逾期回应 {u.late} 件，"
                f"未回应 {u.unresponded} 件，办理中 {u.pending} 件，"
                f"首次回应平均用时 {u.average_hours if u.average_hours is not None else '—'} 小时。"
            )
