"""No one but the applicant (number + code) and the unit's staff sees a case; personal data is
masked for everyone but the handler."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.tests.helpers import ID_NUMBER, PERSON, registered

pytestmark = pytest.mark.django_db


def submitted(city: Any, **fields: Any) -> tuple[Application, str]:
    result = services.submit_online(city.a, {**PERSON, **fields})
    return result.case, result.code


def test_the_applicant_follows_the_case_with_number_and_code(client: Client, city: Any) -> None:
    case, code = submitted(city)

    response = client.post("/ysqgk/track/", {"number": case.number, "code": code.lower()})

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert case.number in page
    assert "收到申请" in page


def test_a_wrong_code_or_a_guessed_number_shows_nothing(client: Client, city: Any) -> None:
    mine, my_code = submitted(city)
    other, _code = submitted(city, applicant_name="李四")

    wrong = client.post("/ysqgk/track/", {"number": other.number, "code": my_code})
    unknown = client.post("/ysqgk/track/", {"number": "no-such-0001", "code": my_code})

    assert wrong.status_code == unknown.status_code == 200
    assert "受理编号或查询码不正确" in wrong.content.decode()
    assert wrong.content.decode().count("不正确") == unknown.content.decode().count("不正确")
    # Knowing the number is not enough, and my session does not open another case.
    client.post("/ysqgk/track/", {"number": mine.number, "code": my_code})
    assert client.get(f"/ysqgk/case/{other.number}/").status_code == 404
    assert Client().get(f"/ysqgk/case/{mine.number}/").status_code == 404
    assert "李四" not in client.get(f"/ysqgk/case/{mine.number}/").content.decode()


def test_guessing_codes_is_rate_limited(client: Client, city: Any, settings: Any) -> None:
    settings.GONGKAI = {**settings.GONGKAI, "TRACK_LIMIT": 3}
    case, code = submitted(city)
    for n in range(3):
        client.post("/ysqgk/track/", {"number": case.number, "code": f"AAAA-BBBB-CCC{n}"})

    blocked = client.post("/ysqgk/track/", {"number": case.number, "code": code})

    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) >= 1


def test_staff_see_their_units_cases_only(client: Client, city: Any) -> None:
    case = registered(city.a, city.users.officer_a, dt.date(2026, 3, 2))

    for username, sees in [
        ("officer_a", True),
        ("head_a", True),
        ("city_office", True),  # overseer of the whole city
        ("head_b", False),
        ("editor_a", False),  # an editor of the same unit handles no applications
        ("district_office", False),  # overseer of another subtree
    ]:
        client.force_login(getattr(city.users, username))
        detail = client.get(f"/admin/applications/{case.pk}/")
        listing = client.get("/admin/applications/?status=all").content.decode()
        assert (detail.status_code == 200) is sees, username
        assert (case.number in listing) is sees, username


def test_personal_data_is_masked_except_for_the_handler(client: Client, city: Any) -> None:
    case = registered(city.a, city.users.officer_a, dt.date(2026, 3, 2))
    services.assign(case, actor=city.users.head_a, handler=city.users.officer_a)

    client.force_login(city.users.head_a)
    html = client.get(f"/admin/applications/{case.pk}/").content.decode()
    assert ID_NUMBER not in html
    assert "3601**********0013" in html
    assert "13907911234" not in html
    assert "123号" not in html

    client.force_login(city.users.officer_a)
    html = client.get(f"/admin/applications/{case.pk}/").content.decode()
    assert ID_NUMBER in html
    assert "13907911234" in html
