"""gongkai import-appeals FILE.csv — reconsideration and litigation records (table 四)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.applications.importing import import_appeals, run_import


class Command(BaseCommand):
    help = "导入行政复议、行政诉讼记录（CSV：organ,year,kind,result）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        count = run_import(self, options["file"], import_appeals)
        self.stdout.write(f"已导入 {count} 条行政复议、行政诉讼记录。")
