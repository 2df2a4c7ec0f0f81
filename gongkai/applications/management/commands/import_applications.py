"""gongkai import-applications FILE.csv — historical cases from an older system."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.applications.importing import import_applications, run_import


class Command(BaseCommand):
    help = "导入原系统的依申请公开办理记录（CSV：number,organ,received_on,applicant_type,closed_on,outcome）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        summary = run_import(self, options["file"], import_applications)
        self.stdout.write(
            f"已导入 {summary.created} 件（已办结 {summary.closed} 件，未办结 {summary.open} 件）。"
        )
