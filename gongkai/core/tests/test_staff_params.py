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
    "/admin/applications/": ("status", "due", "q", "p"),
    "/admin/review/record/": ("organ", "from", "to", "p", "format"),
    "/admin/reports/annual/overview/": ("year",),
    "/admin/reports/interpretation-rate/": ("year",),
    "/admin/reports/oversight/": ("year",),
    "/admin/reports/annual/unit/": ("unit", "year", "subtree"),
    "/admin/reports/annual/unit/download/": ("unit", "year", "format"),
    "/admin/consultations/": ("p",),
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
