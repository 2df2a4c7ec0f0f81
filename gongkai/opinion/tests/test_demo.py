"""The demo's public-opinion register (gongkai.demo.opinion) in the test city: one major incident
answered on time, one answered late, one open; the published responses on /zwyq/."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.demo.opinion import load_opinion
from gongkai.opinion.models import IncidentStatus
from gongkai.opinion.selectors import timeliness_of

pytestmark = pytest.mark.django_db


def test_demo_incidents_and_public_list(city: Any) -> None:
    loaded = load_opinion({"nc": city.gov, "jyj": city.a, "rsj": city.b})
    now = timezone.now()
    assert timeliness_of(loaded.on_time, now).outcome == "on_time"
    assert loaded.on_time.level == "major"
    assert timeliness_of(loaded.late, now).outcome == "late"
    assert timeliness_of(loaded.open, now).outcome == "pending"
    loaded.on_time.refresh_from_db()
    assert loaded.on_time.status == IncidentStatus.RESPONDED
    assert loaded.open.status == IncidentStatus.OPEN
    body = Client().get("/zwyq/").content.decode()
    assert "校园食品安全专项检查新闻发布会" in body
    assert "关于社保缴费系统升级期间办理渠道的说明" in body
    assert "校车接送时间" not in body
