"""gongkai mailbox stats, as an operator runs it: the issue's JSON shape and the exit status 2."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.mailbox.models import Channel
from gongkai.mailbox.tests.test_stats import AS_OF, D, letters, make_letter  # noqa: F401

pytestmark = pytest.mark.django_db

ISSUE_KEYS = [
    "organ",
    "received",
    "answered",
    "on_time",
    "overdue",
    "unanswered_over_3_months",
    "average_working_days",
]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("mailbox", *args, stdout=out)
    return out.getvalue()


def test_stats_json_has_the_issue_shape(letters: Any, city: Any) -> None:  # noqa: F811
    data = json.loads(
        run(
            "stats",
            "--year",
            "2026",
            "--month",
            "10",
            "--as-of",
            AS_OF.isoformat(),
            "--format",
            "json",
        )
    )
    assert list(data) == ["units"]
    for unit in data["units"]:
        assert list(unit)[: len(ISSUE_KEYS)] == ISSUE_KEYS
    by_organ = {u["organ"]: u for u in data["units"]}
    # The hand count of test_stats.test_october_per_unit_equals_the_hand_count.
    assert {k: by_organ[city.a.slug][k] for k in ISSUE_KEYS[1:]} == {
        "received": 2,
        "answered": 1,
        "on_time": 0,
        "overdue": 2,
        "unanswered_over_3_months": 0,
        "average_working_days": 6.0,
    }
    assert by_organ[city.b.slug]["average_working_days"] == 0.0
    assert by_organ[city.b.slug]["satisfaction"]["rate"] == 100.0


def test_stats_for_one_unit_and_the_veto_day_after(letters: Any, city: Any) -> None:  # noqa: F811
    data = json.loads(
        run(
            "stats",
            "--organ",
            city.a.slug,
            "--year",
            "2026",
            "--as-of",
            "2027-01-04",
            "--format",
            "json",
        )
    )
    (unit,) = data["units"]
    assert unit["organ"] == city.a.slug and unit["received"] == 5
    assert unit["unanswered_over_3_months"] == 1  # L3, received 2026-10-03


def test_a_unit_without_letters_is_a_row_of_zeros(city: Any) -> None:
    data = json.loads(run("stats", "--organ", city.b.name, "--year", "2026", "--format", "json"))
    assert data["units"][0]["received"] == 0
    assert data["units"][0]["average_working_days"] is None


def test_table_format(letters: Any, city: Any) -> None:  # noqa: F811
    text = run("stats", "--year", "2026", "--month", "9", "--as-of", AS_OF.isoformat())
    assert "2026年9月来信办理情况" in text and city.a.name in text and "合计" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "13"], "月份"),
        (["--month", "x"], "月份"),
        (["--year", "1999"], "年度"),
        (["--as-of", "2026-02-30"], "截至日期"),
        (["--format", "xml"], "输出格式"),
        (["--organ", "no-such-unit"], "不存在"),
        (["--nonsense"], "输入有误"),
    ],
)
def test_bad_options_exit_2_in_chinese(city: Any, args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as caught:
        run("stats", *args)
    assert caught.value.returncode == 2
    assert message in str(caught.value)


def test_unused_helper_is_reachable(city: Any) -> None:
    assert make_letter(city.a, Channel.CONSULT, D(2026, 12, 1)).due_on == D(2026, 12, 8)
