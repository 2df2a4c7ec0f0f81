"""Query-string parameters of the staff listings never give a 500 (issue 11, item 8): junk,
huge, NUL-carrying and unicode values in each, on both databases."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

JUNK = [
    "",
    "0",
    "-5",
    "99999",
    "9" * 30,
    "9" * 5000,
    "abc",
    "\x00",
    "a\x00b",
    "😀",
    "%",
    "x" * 2000,
]
LISTINGS = {
    "/admin/letter-stats/": ("year", "month"),  # 来信统计与检查 (issue 15, mailbox statistics)
    "/admin/applications/": ("status", "due", "q", "p"),
    "/admin/review/record/": ("organ", "from", "to", "p", "format"),
    "/admin/reports/annual/overview/": ("year",),
    "/admin/reports/interpretation-rate/": ("year",),
    "/admin/reports/oversight/": ("year",),
    "/admin/reports/annual/unit/": ("unit", "year", "subtree"),
    "/admin/reports/annual/unit/download/": ("unit", "year", "format"),
    "/admin/consultations/": ("p",),
    "/admin/events/": ("p",),  # 在线访谈 (issue 15)
    # issue 15, mailbox (staff side)
    "/admin/mailbox/letters/": ("status", "channel", "due", "queue", "p"),
    "/admin/mailbox/faq/": ("p",),
    "/admin/evaluations/": ("p",),  # issue 15 (evaluation)
    # 政务舆情 (issue 15, opinion): the register and its statistics.
    "/admin/opinion/": ("status", "p"),
    "/admin/opinion/stats/": ("year", "month"),
    "/admin/openweek/": ("p",),  # 政府开放周
}


@pytest.mark.parametrize(
    ("path", "name"), [(path, name) for path, names in LISTINGS.items() for name in names]
)
def test_staff_listing_parameters(client: Client, city: Any, path: str, name: str) -> None:
    client.force_login(city.users.city_office)
    for value in JUNK:
        response = client.get(path, {name: value})
        assert response.status_code in (200, 302, 400, 404), (name, value, response.status_code)
        if response.status_code == 400:
            assert "请求参数有误" in response.content.decode()


# --- issue 15 (evaluation): the acting unit's list of conclusions (its staff only) ------------
def test_evaluation_conclusion_list_parameters(client: Client, city: Any) -> None:
    client.force_login(city.users.editor_a)
    for value in JUNK:
        response = client.get("/admin/evaluation-conclusions/", {"p": value})
        assert response.status_code == 200, (value, response.status_code)


# 在线访谈 (issue 15): the parameters of one event's staff screens, as its unit's editor.
EVENT_SCREENS = {"": ("policy_q",), "questions/": ("status", "p"), "console/": ("speaker",)}


@pytest.mark.parametrize(
    ("suffix", "name"), [(s, n) for s, names in EVENT_SCREENS.items() for n in names]
)
def test_event_screen_parameters(client: Client, city: Any, suffix: str, name: str) -> None:
    import datetime as dt  # local import: only this block needs dates and the events app

    from gongkai.events import services  # local import: as above

    start = dt.datetime(2030, 5, 1, 9, 0, tzinfo=dt.UTC)
    event = services.event_save(
        actor=city.users.editor_a,
        unit=city.a,
        data=services.EventData(
            kind="interview", title="访谈", starts_at=start, ends_at=start + dt.timedelta(hours=1)
        ),
    )
    client.force_login(city.users.editor_a)
    for value in JUNK:
        response = client.get(f"/admin/events/{event.pk}/{suffix}", {name: value})
        assert response.status_code in (200, 400), (name, value, response.status_code)
        if response.status_code == 400:
            assert "请求参数有误" in response.content.decode()
