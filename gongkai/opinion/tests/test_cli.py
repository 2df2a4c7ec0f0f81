"""gongkai opinion escalate (locked, idempotent) and stats --format json."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from gongkai.opinion.tests.helpers import T0, hours, incident, respond

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("opinion", *args, stdout=out)
    return out.getvalue()


def test_escalate_runs_once_per_incident(city: Any) -> None:
    incident(city, level="major")
    at = (T0 + hours(6)).isoformat()
    assert "逾期督办 1 件" in _run("escalate", "--now", at)
    assert "逾期督办 0 件" in _run("escalate", "--now", at)


def test_stats_json(city: Any) -> None:
    item = incident(city, level="general")
    respond(item, "briefing", T0 + hours(6))
    data = json.loads(
        _run(
            "stats",
            "--year",
            "2026",
            "--month",
            "3",
            "--format",
            "json",
            "--now",
            (T0 + hours(7)).isoformat(),
        )
    )
    assert data["units"] == [
        {
            "organ": city.a.name,
            "slug": city.a.slug,
            "incidents": 1,
            "on_time": 1,
            "late": 0,
            "unresponded": 0,
            "pending": 0,
            "average_hours_to_first_response": 6.0,
        }
    ]
    by_unit = json.loads(
        _run("stats", "--year", "2026", "--organ", city.b.slug, "--format", "json")
    )
    assert by_unit["units"] == []
