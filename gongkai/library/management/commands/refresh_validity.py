"""gongkai refresh-validity — daily: mark documents whose validity period ended (失效)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongkai.library.services import refresh_all_validity


class Command(BaseCommand):
    help = "重新计算所有政策文件的有效性（每日定时运行：到期失效、到期废止）。"

    def handle(self, *args: Any, **options: Any) -> None:
        changed = refresh_all_validity()
        self.stdout.write(f"有效性已更新 {changed} 件。")
