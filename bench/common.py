"""Helpers the benchmarks share: the machine they ran on, and the SQL a call executed."""

from __future__ import annotations

import os
import platform
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def host() -> dict[str, Any]:
    """Cores, CPU model, memory (GiB) and operating system of this machine."""
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "ram_gib": round(int(mem.group(1)) / 2**20, 1) if mem else None,
        "os": platform.platform(),
    }


@contextmanager
def statement_log() -> Iterator[list[tuple[str, list[Any], float]]]:
    """Every SQL statement executed inside, with its parameters and wall time."""
    from django.db import connection

    log: list[tuple[str, list[Any], float]] = []

    def wrapper(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            log.append((sql, list(params or []), time.perf_counter() - t))

    with connection.execute_wrapper(wrapper):
        yield log
