"""gongkai search-rebuild — index every public document anew."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from gongkai.search.indexing import rebuild


class Command(BaseCommand):
    help = "重建站内搜索索引（升级后或修复时运行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        indexed = rebuild(progress=lambda n, total: self.stdout.write(f"  … {n}/{total}"))
        self.stdout.write(f"已索引 {indexed} 件（{time.monotonic() - started:.1f} 秒）。")
