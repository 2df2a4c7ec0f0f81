"""gongkai load-demo — load the demo city once (re-running does nothing)."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.demo.generate import TARGET_DOCUMENTS, load_demo


class Command(BaseCommand):
    help = "载入演示数据（南昌市、24个单位、500余件政策文件等）；已载入则跳过。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--documents", type=int, default=TARGET_DOCUMENTS, help="生成的政策文件数（默认520）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            stats = load_demo(
                progress=lambda m: self.stdout.write(f"  … {m}"), documents=options["documents"]
            )
        except ValidationError as exc:
            conflicts = "；".join(exc.messages)
            raise CommandError(
                f"演示数据与现有数据冲突（{conflicts}）。演示数据应载入空数据库。"
            ) from exc
        if stats is None:
            self.stdout.write("演示数据已存在，跳过。")
            return
        self.stdout.write(
            f"演示数据已载入（{time.monotonic() - started:.0f} 秒）：机构 {stats.units} 个，"
            f"账号 {stats.users} 个，办事事项 {stats.services} 项，政策文件 {stats.documents} 件，"
            f"解读 {stats.interpretations} 篇，文件关系 {stats.relations} 条，通知与动态 {stats.notices} 篇。"
        )
        for message in stats.messages:
            self.stdout.write(message)
