"""`gongkai i18n-compile`: compile the Simplified Chinese catalogue (.po → .mo)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.core import i18n


class Command(BaseCommand):
    help = "编译中文翻译目录（.po → .mo），无需安装 GNU gettext；修改 .po 后运行并提交 .mo"

    def handle(self, *args: Any, **options: Any) -> None:
        for path in i18n.compile_catalogue():
            self.stdout.write(f"已编译 {path}")
