"""`gongkai deadline` through call_command and through the installed console script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

GONGKAI = Path(sys.executable).parent / "gongkai"


def deadline(*args: str) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_json_has_exactly_the_documented_keys():
    data = json.loads(deadline("--received", "2026-10-03", "--format", "json"))
    assert set(data) == {"received", "due", "extended_due", "provisional", "derivation"}
    assert data["received"] == "2026-10-08"
    assert data["due"] == "2026-11-04"
    assert data["extended_due"] == "2026-12-02"
    assert data["provisional"] is False
    assert all(isinstance(s, str) for s in data["derivation"])


@pytest.mark.django_db
def test_pauses_correction_and_extension_options():
    data = json.loads(
        deadline(
            "--received", "2026-03-02",
            "--pause", "2026-03-05:2026-03-10",
            "--extended",
            "--format", "json",
        )
    )  # fmt: skip
    assert data["due"] == data["extended_due"] == "2026-05-06"
    data = json.loads(
        deadline(
            "--received", "2026-03-02",
            "--pause", "agency:2026-03-05:",
            "--today", "2026-03-12",
            "--format", "json",
        )
    )  # fmt: skip
    assert data["due"] == "2026-04-07"
    data = json.loads(
        deadline("--received", "2026-02-12", "--corrected", "2026-03-07", "--format", "json")
    )
    assert data["due"] == "2026-04-07"


@pytest.mark.django_db
def test_text_output_says_provisional():
    out = deadline("--received", "2026-12-10")
    assert "答复期限：2027-01-08（暂定）" in out
    assert "暂定：是" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ["--received", "2026-02-30"],
        ["--received", "2026-03-02", "--pause", "2026-03-05"],
        ["--received", "2026-03-02", "--corrected", "2026-03-01"],
        ["--received", "2026-03-02", "--extension-days", "30"],
    ],
)
def test_bad_input_is_status_2(args):
    with pytest.raises(CommandError) as err:
        deadline(*args)
    assert err.value.returncode == 2


def test_console_script_exits_2_with_a_chinese_message():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(  # noqa: S603 — our own console script
        [str(GONGKAI), "deadline", "--received", "2026-02-30"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "日期“2026-02-30”无效" in result.stderr
    assert "Traceback" not in result.stderr
