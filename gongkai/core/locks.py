"""Locks for scheduled commands, in the database so that they work across servers.

with command_lock("review-recheck") as acquired:
    if not acquired:
        return  # another run holds it
    ...
"""

# write-guard: module — the command-lock rows themselves.

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.models import JobLock


@contextmanager
def command_lock(name: str, *, hours: float = 6) -> Iterator[bool]:
    """Yields True when this process holds the lock (and releases it afterwards)."""
    now = timezone.now()
    holder = f"{socket.gethostname()}:{os.getpid()}:{now.timestamp()}"[:120]
    expires = now + dt.timedelta(hours=hours)
    acquired = False
    try:
        with transaction.atomic():
            JobLock.objects.create(name=name, holder=holder, acquired_at=now, expires_at=expires)
        acquired = True
    except IntegrityError:
        # Take over a lock whose holder died (expired); one UPDATE decides between contenders.
        acquired = (
            JobLock.objects.filter(name=name, expires_at__lt=now).update(
                holder=holder, acquired_at=now, expires_at=expires
            )
            == 1
        )
    try:
        yield acquired
    finally:
        if acquired:
            JobLock.objects.filter(name=name, holder=holder).delete()
