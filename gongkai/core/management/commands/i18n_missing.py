"""`gongkai i18n-missing`: what the Simplified Chinese interface still lacks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.core import i18n


class Command(BaseCommand):
    help = "列出中文翻译目录中未翻译或待确认（fuzzy）的条目，以及 Wagtail 等依赖包缺少中文的界面文字；有则退出码为 1"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--add",
            action="store_true",
            help="把依赖包缺少中文的文字加入我们的翻译目录（未翻译状态），供翻译后编译",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ours = i18n.untranslated_in_catalogue()
        packages = i18n.untranslated_in_packages()
        for missing in ours:
            self.stdout.write(f"未翻译  {missing}")
        for missing, _entry in packages:
            self.stdout.write(f"缺中文  {missing}")
        if options["add"] and packages:
            added = i18n.add_to_catalogue(packages)
            self.stdout.write(
                f"已把 {added} 条加入 {i18n.catalogue_dir()}：翻译后运行 gongkai i18n-compile。"
            )
        total = len(ours) + len(packages)
        if total:
            self.stderr.write(f"共 {total} 条界面文字没有中文翻译。")
            raise SystemExit(1)
        self.stdout.write("中文翻译完整：没有未翻译的界面文字。")
