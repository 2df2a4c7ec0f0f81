"""The overseers' overviews bound their year (issue 11, item 8: year 0, -5 or 99999 was a 500):
a bad year is a 400 page of the admin, in Chinese."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

OVERVIEWS = {
    "/admin/reports/annual/overview/": "年度应在 2008 至 2100 之间",
    "/admin/reports/interpretation-rate/": "发布年度应在 2000 至 2100 之间",
}


@pytest.mark.parametrize("path", OVERVIEWS)
@pytest.mark.parametrize("year", ["0", "-5", "99999", "9" * 30, "二〇二五", "2025.5", "1e3"])
def test_a_bad_year_is_a_chinese_400(client: Client, city: Any, path: str, year: str) -> None:
    client.force_login(city.users.city_office)

    response = client.get(path, {"year": year})

    assert response.status_code == 400
    body = response.content.decode()
    assert "请求参数有误" in body
    assert OVERVIEWS[path] in body or "应为整数" in body


@pytest.mark.parametrize("path", OVERVIEWS)
def test_good_and_absent_years_still_work(client: Client, city: Any, path: str) -> None:
    client.force_login(city.users.city_office)
    assert client.get(path, {"year": "2025"}).status_code == 200
    assert client.get(path).status_code == 200
    assert client.get(path, {"year": ""}).status_code == 200


def test_drafting_a_report_for_a_bad_year_says_so(client: Client, city: Any) -> None:
    client.force_login(city.users.head_a)
    response = client.post(
        "/admin/reports/annual/new/", {"unit": city.a.pk, "year": "0"}, follow=True
    )
    assert response.status_code == 200
    assert "年度应在 2008 至 2100 之间" in response.content.decode()
