"""gongkai review — the review record and the nightly re-check of live content."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.locks import command_lock
from gongkai.organisations.selectors import find_organisation
from gongkai.review import services
from gongkai.review.models import ReviewEvent


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from None


class Command(BaseCommand):
    help = (
        "发布审核：verify 校验审核记录链；export 导出审核记录；recheck 按最新规则复查已发布内容"
        "（每晚定时运行）；setup 建立先审后发审核流程。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="校验审核记录的哈希链（发现改动、删除、插入）")
        export = sub.add_parser("export", help="导出审核记录（按单位、时段）")
        export.add_argument("--organ", help="单位名称、简称或统一社会信用代码")
        export.add_argument("--from", dest="start", type=_date)
        export.add_argument("--to", dest="end", type=_date)
        export.add_argument("--format", choices=["csv", "json"], default="csv")
        export.add_argument("--out", type=Path)
        recheck = sub.add_parser("recheck", help="按最新检查规则复查已发布内容（幂等，加锁）")
        recheck.add_argument("--force", action="store_true", help="全部重新检查")
        sub.add_parser("setup", help="建立（或修复）先审后发审核流程")
        step = sub.add_parser("add-step", help="为单位增设审核环节（在签发之前），如法制审核")
        step.add_argument("--organ", required=True, help="单位名称、简称或代码")
        step.add_argument("--name", required=True, help="环节名称，如 法制审核")
        step.add_argument(
            "--reviewer", action="append", required=True, help="审核人用户名（可多个）"
        )
        step.add_argument(
            "--by", required=True, help="设置人的用户名（须为该单位负责人或政务公开办）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action'].replace('-', '_')}")(options)

    def _verify(self, options: dict[str, Any]) -> None:
        problems = services.verify_chain()
        if problems:
            for p in problems:
                self.stderr.write(f"第 {p.seq} 条：{p.message}")
            raise SystemExit(1)

        self.stdout.write(f"审核记录完整：{ReviewEvent.objects.count()} 条，链接与摘要均一致。")

    def _export(self, options: dict[str, Any]) -> None:
        organisation = None
        if options["organ"]:
            organisation = find_organisation(options["organ"])
            if organisation is None:
                raise CommandError(f"找不到单位：{options['organ']}")
        events = services.events_for(organisation, options["start"], options["end"])
        body = services.export_events(events.select_related("organisation"), options["format"])
        if options["out"]:
            options["out"].write_text(body, encoding="utf-8")
            self.stdout.write(f"已导出 {events.count()} 条到 {options['out']}")
        else:
            sys.stdout.write(body)

    def _recheck(self, options: dict[str, Any]) -> None:
        def progress(done: int, total: int) -> None:
            if done == total or done % 100 == 0:
                self.stderr.write(f"\r复查 {done}/{total}", ending="")

        with command_lock("review-recheck") as acquired:
            if not acquired:
                self.stdout.write("另一个复查正在运行，本次跳过。")
                return
            stats = services.recheck_live(force=options["force"], progress=progress)
        self.stderr.write("")
        self.stdout.write(
            f"已发布内容 {stats.pages} 件，本次检查 {stats.checked} 件，"
            f"新发现问题 {stats.new_findings} 个，已修正销项 {stats.resolved} 个。"
        )

    def _add_step(self, options: dict[str, Any]) -> None:

        users = get_user_model().objects
        unit = find_organisation(options["organ"])
        if unit is None:
            raise CommandError(f"找不到单位：{options['organ']}")
        actor = users.filter(username=options["by"]).first()
        if actor is None:
            raise CommandError(f"找不到用户：{options['by']}")
        reviewers = []
        for name in options["reviewer"]:
            user = users.filter(username=name).first()
            if user is None:
                raise CommandError(f"找不到用户：{name}")
            reviewers.append(user)
        try:
            task = services.unit_add_step(
                unit=unit, name=options["name"], reviewers=reviewers, actor=actor
            )
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from None
        self.stdout.write(f"已为{unit.name}增设审核环节“{task.name}”（在单位负责人签发之前）。")

    def _setup(self, options: dict[str, Any]) -> None:
        workflow = services.workflow_ensure()
        if workflow is None:
            raise CommandError("网站还没有政府信息公开栏目：请先建立单位。")
        self.stdout.write(f"审核流程“{workflow.name}”已就绪。")
