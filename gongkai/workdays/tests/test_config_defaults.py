"""Statutory periods come from workdays.deadlines; the one period a unit may configure (the
applicant's correction period) defaults to it."""

from __future__ import annotations

from gongkai.core.config import DEFAULTS
from gongkai.workdays.deadlines import DEFAULT_CORRECTION_PERIOD


def test_the_configured_correction_period_defaults_to_the_statutory_modules_value() -> None:
    assert DEFAULTS.correction_period_workdays == DEFAULT_CORRECTION_PERIOD
