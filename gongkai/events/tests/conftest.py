"""Fixtures of the events tests: an event of 南昌市教育局 (unit a) linked to a live policy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.events import services
from gongkai.events.models import Event, EventKind
from gongkai.testing import make_policy


@pytest.fixture
def policy(city):
    return make_policy(city.a, title="关于做好学前教育资助工作的通知")


@pytest.fixture
def event(city, policy) -> Event:
    start = timezone.now() + dt.timedelta(days=2)
    data = services.EventData(
        kind=EventKind.INTERVIEW,
        title="学前教育资助政策在线访谈",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        summary="解读学前教育资助政策。",
        video_url="https://video.example.cn/live/1",
        policies=(policy,),
    )
    created = services.event_save(actor=city.users.editor_a, unit=city.a, data=data)
    services.guest_save(
        actor=city.users.editor_a, event=created, name="张明", post="副局长", unit="市教育局"
    )
    return services.event_publish(actor=city.users.editor_a, event=created)
