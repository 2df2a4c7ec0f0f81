"""gongkai import-policy PATH... — import policy pages saved from government websites."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.library.importing.service import ImportFailed, import_policy_page
from gongkai.library.models import DocType


class Command(BaseCommand):
    help = "导入从政府网站保存的政策文件网页（文本或HTML），重复导入则更新。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="网页文件（.txt/.html）")
        parser.add_argument(
            "--organ", help="发布单位（名称、简称或代码）；网页中无发文机关时也用作发文机关"
        )
        parser.add_argument(
            "--topic", default="其他", help="主题分类，如 “综合政务\\政务公开”（默认：其他）"
        )
        parser.add_argument(
            "--doc-type",
            default="其他文件",
            choices=[str(c.label) for c in DocType],
            help="文种（默认：其他文件）",
        )
        parser.add_argument("--draft", action="store_true", help="只保存草稿，不发布")

    def handle(self, *args: Any, **options: Any) -> None:
        doc_type = {str(c.label): c.value for c in DocType}[options["doc_type"]]
        failed = 0
        for path in options["paths"]:
            try:
                page, created = import_policy_page(
                    path,
                    unit_name=options["organ"],
                    topic=options["topic"],
                    doc_type=doc_type,
                    publish=not options["draft"],
                )
            except ImportFailed as exc:
                failed += 1
                for problem in exc.problems:
                    self.stderr.write(f"错误 {problem}")
                continue
            verb = "已导入" if created else "已更新"
            self.stdout.write(
                f"{verb} {path.name}：《{page.title}》 索引号 {page.index_number} "
                f"发布日期 {page.published_on or '—'} 成文日期 {page.written_on} "
                f"公开方式 {page.get_disclosure_mode_display()}"
            )
        if failed:
            raise CommandError(f"{failed} 个文件导入失败，未写入任何内容。")
