"""gongkai import-appeals FILE.csv — reconsideration and litigation records (table 四)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.applications.importing import ImportRejected, import_appeals


class Command(BaseCommand):
    help = "导入行政复议、行政诉讼记录（CSV：organ,year,kind,result）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            count = import_appeals(path)
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"共 {len(rejected.problems)} 处错误，文件未导入任何记录。"
            ) from None
        self.stdout.write(f"已导入 {count} 条行政复议、行政诉讼记录。")
