"""Events for the tests of 政府开放周 (through the services, as staff would make them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from gongkai.openweek import services
from gongkai.openweek.models import OpenEvent
from gongkai.openweek.validators import with_check_digit
from gongkai.organisations.models import Organisation


def make_event(
    unit: Organisation,
    actor: Any,
    *,
    capacity: int = 2,
    needs_id: bool = False,
    starts_in: dt.timedelta = dt.timedelta(days=7),
    hours: int = 3,
    publish: bool = True,
    title: str = "市教育局开放日",
    now: dt.datetime | None = None,
) -> OpenEvent:
    now = now or timezone.now()
    starts = now + starts_in
    event = services.event_save(
        actor=actor,
        unit=unit,
        fields=services.EventFields(
            title=title,
            description="参观招生考试服务大厅，了解招生政策。",
            venue="市教育局一楼大厅",
            address="南昌市红谷滩区卧龙路1号",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=hours),
            capacity=capacity,
            registration_opens_at=starts - dt.timedelta(days=30),
            registration_closes_at=starts - dt.timedelta(hours=1),
            needs_id=needs_id,
        ),
        now=now,
    )
    if publish:
        event = services.event_publish(actor=actor, event=event)
    return event


def phone(n: int) -> str:
    return f"139{n:08d}"


def id_number(n: int) -> str:
    return with_check_digit(f"36010219900101{n:03d}")


ANONYMOUS = AnonymousUser()
