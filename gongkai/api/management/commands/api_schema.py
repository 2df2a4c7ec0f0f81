"""gongkai api-schema — print the open API's OpenAPI document, or rewrite its snapshot."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.api.schema import SNAPSHOT, openapi_document, render, write_snapshot


class Command(BaseCommand):
    help = "输出开放接口的 OpenAPI 文档；--write 更新测试用的快照文件。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--write",
            action="store_true",
            help=f"写入 {SNAPSHOT.name}（接口有意改动后运行，并检查差异）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["write"]:
            path = write_snapshot()
            self.stdout.write(f"已写入 {path}")
        else:
            self.stdout.write(render(openapi_document()), ending="")
