"""Shared set-up of the opinion tests: a fixed clock and incidents through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from gongkai.opinion import services
from gongkai.opinion.models import Incident, Response

TZ = ZoneInfo("Asia/Shanghai")
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=TZ)  # a Monday morning


def hours(n: float) -> dt.timedelta:
    return dt.timedelta(hours=n)


def incident(
    city: Any,
    *,
    level: str = "major",
    seen: dt.datetime = T0,
    unit: Any = None,
    matter: str = "校车安全",
    actor: Any = None,
) -> Incident:
    return services.incident_register(
        actor=actor,
        office=city.gov,
        source="social",
        link="https://weibo.example.com/post/1",
        first_seen_at=seen,
        summary="网传某校校车超载。",
        level=level,
        matter=matter,
        unit=unit if unit is not None else city.a,
        reason="校车管理属于教育局职责。",
        now=seen + hours(0.5),
    )


def respond(
    item: Incident, kind: str, at: dt.datetime, *, public: bool = True, title: str = "情况通报"
) -> Response:
    return services.response_record(
        actor=None,
        incident=item,
        kind=kind,
        published_at=at,
        title=title,
        url="https://jyj.example.gov.cn/tb/1.html",
        public=public,
        now=at,
    )
