"""gongkai import-policies FILE — bulk import from another system (docs/import-format.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.library.importing.service import ImportFailed, import_bulk


class Command(BaseCommand):
    help = "从其他系统批量导入政策文件（JSON 或 CSV，格式见 docs/import-format.md）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--draft", action="store_true", help="只保存草稿，不发布")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        try:
            result = import_bulk(path, publish=not options["draft"])
        except ImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(f"错误 {problem}")
            raise CommandError(
                f"{path.name} 有 {len(exc.problems)} 处错误，未写入任何内容。"
            ) from exc
        self.stdout.write(
            f"{path.name}：新增 {len(result.created)} 件，更新 {len(result.updated)} 件。"
        )
