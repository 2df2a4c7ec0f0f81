"""gongkai import-applications FILE.csv — historical cases from an older system."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.applications.importing import ImportRejected, import_applications


class Command(BaseCommand):
    help = "导入原系统的依申请公开办理记录（CSV：number,organ,received_on,applicant_type,closed_on,outcome）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        try:
            summary = import_applications(path)
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"共 {len(rejected.problems)} 处错误，文件未导入任何记录。"
            ) from None
        self.stdout.write(
            f"已导入 {summary.created} 件（已办结 {summary.closed} 件，未办结 {summary.open} 件）。"
        )
