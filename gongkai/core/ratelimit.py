"""Rate limits of public forms and the open API: who the client is, and a counter per client.

Counters live in the database (core.models.RateCounter), shared by every server process and
server. Counting and answering are one statement — ``INSERT … ON CONFLICT DO UPDATE SET count
= count + 1 RETURNING count`` — so that parallel requests can never all read "under the
limit" before any of them is counted (GB/T 22239-2019 8.1.3.5 入侵防范 and 8.1.4.1 身份鉴别:
limits on repeated attempts must hold under load). Upserts with RETURNING need SQLite 3.35 or
PostgreSQL 9.5.

Behind a reverse proxy every request comes from the proxy, so the client's address is read
from the header named by gongkai_config().client_ip_header (e.g. HTTP_X_REAL_IP, or
HTTP_X_FORWARDED_FOR where the proxy appends the address it saw last).
"""

# write-guard: module — rate-limit counters, not records.

from __future__ import annotations

import hashlib
import math
import re
import time
from dataclasses import dataclass

from django.db import connection
from django.http import HttpRequest

from gongkai.core.config import gongkai_config
from gongkai.core.models import RateCounter

_PLAIN_ADDRESS = re.compile(r"[0-9A-Fa-f:.]{1,45}")


def client_ip(request: HttpRequest) -> str:
    """The client's address as a short string safe to put in a key."""
    header = gongkai_config().client_ip_header or ""
    value = request.META.get(header, "") if header else ""
    # X-Forwarded-For style lists: the proxy appends the client it saw last.
    value = value.split(",")[-1].strip() if value else ""
    value = value or request.META.get("REMOTE_ADDR", "") or "unknown"
    if not _PLAIN_ADDRESS.fullmatch(value):
        value = hashlib.sha256(value.encode()).hexdigest()[:32]
    return value


def counter_hit(*, key: str, window_start: int, expires_at: int) -> int:
    """Count one action under ``key`` in the window and return the window's count so far,
    this action included: one atomic statement, whatever runs beside it."""
    quote = connection.ops.quote_name
    table = quote(RateCounter._meta.db_table)
    count = quote("count")
    sql = (
        f"INSERT INTO {table} ({quote('key')}, {quote('window_start')}, {count}, "  # noqa: S608 - SQL fragments are constants; values are parameters
        f"{quote('expires_at')}) VALUES (%s, %s, 1, %s) "
        f"ON CONFLICT ({quote('key')}, {quote('window_start')}) "
        f"DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, window_start, expires_at])
        used = int(cursor.fetchone()[0])
    if used == 1:
        # A window begins: forget the ended ones (rows are few, the index on expires_at finds
        # them), so that the table holds about one row per active client and kind.
        RateCounter.objects.filter(expires_at__lte=int(time.time())).delete()
    return used


@dataclass(frozen=True)
class Limit:
    """At most ``count`` actions of one kind per client in a fixed window of ``seconds``,
    aligned to the clock (the wait follows from the time alone). A count of 0 or less turns
    the limit off."""

    scope: str
    count: int
    seconds: int

    def take(self, request: HttpRequest) -> bool:
        """Count this action and answer whether it is allowed (within the limit). The count
        and the answer are one atomic step: of N parallel requests exactly ``count`` pass."""
        if self.count <= 0:
            return True
        seconds = max(1, self.seconds)
        start = int(time.time()) // seconds * seconds
        used = counter_hit(
            key=f"{self.scope}:{client_ip(request)}"[:120],
            window_start=start,
            expires_at=start + seconds,
        )
        return used <= self.count

    def retry_after(self) -> int:
        """Seconds until the current window ends (for a Retry-After header)."""
        seconds = max(1, self.seconds)
        return max(1, math.ceil(seconds - time.time() % seconds))
