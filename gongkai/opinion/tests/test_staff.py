"""The staff screens (opinion.staff_admin): who sees the register (overseers all they oversee,
the responsible unit its own incidents, everyone else 404), registering and assigning, recording
a response, the list's overdue marks and hours left, statistics, periods, and bad input 4xx."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.core.tests.test_staff_params import JUNK
from gongkai.opinion.models import Incident, IncidentStatus, Response, ResponsePeriod
from gongkai.opinion.tests.helpers import T0, hours, incident, respond
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db

LIST = "/admin/opinion/"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _recent(city: Any, **kw: Any) -> Incident:
    return incident(city, seen=timezone.now() - dt.timedelta(hours=1), **kw)


def test_the_public_cannot_reach_the_staff_screens(city: Any) -> None:
    item = _recent(city)
    for url in (LIST, "/admin/opinion/new/", f"/admin/opinion/{item.pk}/", "/admin/opinion/stats/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_other_units_get_404_and_the_overseer_sees_all(city: Any) -> None:
    item = _recent(city, matter="校车安全甲")
    other = _recent(city, unit=city.b, matter="预算公开乙")
    detail = f"/admin/opinion/{item.pk}/"
    for name in ("editor_b", "head_b", "district_office"):
        client = _client(getattr(city.users, name))
        assert client.get(detail).status_code == 404, name
        assert client.get(f"/admin/opinion/{987654321}/").status_code == 404
        assert client.post(detail, {"action": "close", "reason": "x"}).status_code == 404
    # editor_b sees b's incident only; district_office (no incident of its subtree) sees nothing.
    body = _client(city.users.editor_b).get(LIST).content.decode()
    assert "预算公开乙" in body and "校车安全甲" not in body
    assert _client(city.users.district_office).get(LIST).status_code == 200  # an overseer
    assert "校车安全甲" not in _client(city.users.district_office).get(LIST).content.decode()
    body = _client(city.users.city_office).get(LIST).content.decode()
    assert "校车安全甲" in body and "预算公开乙" in body
    for name in ("editor_a", "reviewer_a", "officer_a", "head_a"):
        assert _client(getattr(city.users, name)).get(detail).status_code == 200, name
    assert other.pk


def test_staff_without_incidents_get_404(city: Any) -> None:
    assert _client(city.users.editor_a).get(LIST).status_code == 404
    assert _client(city.users.editor_a).get("/admin/opinion/stats/").status_code == 404


def test_the_office_registers_and_assigns_and_the_unit_responds(city: Any) -> None:
    office = _client(city.users.city_office)
    seen = timezone.localtime() - dt.timedelta(hours=2)
    response = office.post(
        "/admin/opinion/new/",
        {
            "office": city.gov.pk,
            "source": "media",
            "link": "https://news.example.com/a/1",
            "first_seen_at": seen.strftime("%Y-%m-%dT%H:%M"),
            "level": "major",
            "matter": "学校食堂食品安全",
            "summary": "媒体报道某校食堂食材过期。",
            "unit": "",
            "reason": "",
        },
    )
    assert response.status_code == 302
    item = Incident.objects.get(matter="学校食堂食品安全")
    assert item.unit is None and item.registered_by == city.users.city_office
    detail = f"/admin/opinion/{item.pk}/"
    # The unit's staff do not see it before it is theirs.
    assert _client(city.users.editor_a).get(detail).status_code == 404
    response = office.post(
        detail, {"action": "assign", "unit": city.a.pk, "reason": "食堂监管属教育局"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.unit == city.a and item.assigned_by == city.users.city_office
    editor = _client(city.users.editor_a)
    page = editor.get(detail).content.decode()
    assert "记录回应" in page and "食堂监管属教育局" in page
    assert "确定责任单位" not in page.split("记录回应")[-1]  # no assign form for the unit
    response = editor.post(
        detail,
        {
            "action": "respond",
            "kind": "authoritative",
            "published_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "title": "关于学校食堂食材问题的情况通报",
            "url": "https://jyj.example.gov.cn/tb/2.html",
            "public": "on",
        },
    )
    assert response.status_code == 302
    assert Response.objects.get(incident=item).recorded_by == city.users.editor_a
    # The unit may not reassign or close (403 on its visible incident).
    assert (
        editor.post(detail, {"action": "assign", "unit": city.b.pk, "reason": "x"}).status_code
        == 403
    )
    assert editor.post(detail, {"action": "close", "reason": "x"}).status_code == 403
    assert editor.post(detail, {"action": "nonsense"}).status_code == 404


def test_bad_input_is_a_4xx_with_the_reason(city: Any) -> None:
    office = _client(city.users.city_office)
    data = {
        "office": city.gov.pk,
        "source": "media",
        "link": "javascript:alert(1)",
        "first_seen_at": "2026-03-02T09:00",
        "level": "catastrophic",
        "matter": "事项",
        "summary": "摘要",
    }
    response = office.post("/admin/opinion/new/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "http://" in body  # the link's message
    assert "舆情级别" in body
    assert not Incident.objects.exists()
    item = _recent(city)
    editor = _client(city.users.editor_a)
    response = editor.post(
        f"/admin/opinion/{item.pk}/",
        {
            "action": "respond",
            "kind": "authoritative",
            "published_at": "x",
            "title": "t",
            "url": "file:///etc/passwd",
        },
    )
    assert response.status_code == 400
    assert not item.responses.exists()
    assert (
        office.post(
            f"/admin/opinion/{item.pk}/",
            {"action": "assign", "unit": "99999999999999999999", "reason": "x"},
        ).status_code
        == 400
    )


def test_list_marks_overdue_incidents_and_hours_left(city: Any) -> None:
    now = timezone.now()
    incident(city, level="major", seen=now - dt.timedelta(hours=7), matter="逾期事项")
    incident(city, level="general", seen=now - dt.timedelta(hours=8), matter="未到期事项")
    body = _client(city.users.city_office).get(LIST).content.decode()
    overdue_row = body.split("逾期事项")[1].split("</tr>")[0]
    assert "已逾期 2.0 小时" in overdue_row
    open_row = body.split("未到期事项")[1].split("</tr>")[0]
    assert "40.0" in open_row and "已逾期" not in open_row
    body = _client(city.users.city_office).get(LIST, {"status": "overdue"}).content.decode()
    assert "逾期事项" in body and "未到期事项" not in body


def test_statistics_screen_counts_per_unit(city: Any) -> None:
    item = incident(city, level="general")
    respond(item, "briefing", T0 + hours(5))
    body = (
        _client(city.users.city_office)
        .get("/admin/opinion/stats/", {"year": 2026, "month": 3})
        .content.decode()
    )
    row = body.split(city.a.name)[1].split("</tr>")[0]
    assert "<td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>5.0</td>" in row.replace("\n", "")


def test_periods_are_set_by_the_city_office_only(city: Any) -> None:
    office = _client(city.users.city_office)
    assert office.post("/admin/opinion/periods/", {"large": 12, "general": 36}).status_code == 302
    assert dict(ResponsePeriod.objects.values_list("level", "hours")) == {
        "large": 12,
        "general": 36,
    }
    assert office.post("/admin/opinion/periods/", {"large": 0, "general": "x"}).status_code == 400
    assert _client(city.users.district_office).get("/admin/opinion/periods/").status_code == 404
    _recent(city)
    assert _client(city.users.head_a).get("/admin/opinion/periods/").status_code == 404


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (LIST, "status"),
        (LIST, "p"),
        ("/admin/opinion/stats/", "year"),
        ("/admin/opinion/stats/", "month"),
    ],
)
def test_listing_parameters_never_500(city: Any, path: str, name: str) -> None:
    client = _client(city.users.city_office)
    for value in JUNK:
        assert client.get(path, {name: value}).status_code in (200, 400), (name, value)
    assert Incident.objects.filter(status=IncidentStatus.CLOSED).count() == 0


def test_a_response_may_point_to_a_live_page_of_our_site(city: Any) -> None:
    policy = make_policy(city.a, title="关于校车安全管理的通知")
    item = _recent(city)
    editor = _client(city.users.editor_a)
    data = {
        "action": "respond",
        "kind": "briefing",
        "published_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "title": "关于校车安全管理的情况通报",
        "url": "",
        "public": "on",
    }
    bad = editor.post(f"/admin/opinion/{item.pk}/", {**data, "page_path": "/no/such/page/"})
    assert bad.status_code == 400 and "本站没有这个已发布的页面" in bad.content.decode()
    ok = editor.post(f"/admin/opinion/{item.pk}/", {**data, "page_path": policy.url})
    assert ok.status_code == 302
    assert Response.objects.get(incident=item).page_id == policy.pk
    assert policy.url in Client().get("/zwyq/").content.decode()
