"""Staff screens of 政府开放周: the unit organises and sees everything, overseers read masked,
other units get 404; the CSV export is the unit's and is logged; check-in at the door."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from gongkai.openweek import services
from gongkai.openweek.models import EventStatus, OpenEvent
from gongkai.openweek.tests.helpers import id_number, make_event, phone

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(city: Any) -> Any:
    event = make_event(city.a, city.users.editor_a, needs_id=True, title="教育局开放日")
    services.register(event=event, name="张三丰", phone="13907911234", id_number=id_number(3))
    return event


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_unit_sees_full_data_overseer_masked_other_unit_404(city: Any, event: Any) -> None:
    body = _as(city.users.editor_a).get(f"/admin/openweek/{event.pk}/").content.decode()
    assert "张三丰" in body and "13907911234" in body and id_number(3) in body
    overseer = _as(city.users.city_office).get(f"/admin/openweek/{event.pk}/")
    assert overseer.status_code == 200
    text = overseer.content.decode()
    assert "13907911234" not in text and "139****1234" in text and id_number(3) not in text
    assert "张三丰" not in text
    assert _as(city.users.editor_b).get(f"/admin/openweek/{event.pk}/").status_code == 404
    assert _as(city.users.district_office).get(f"/admin/openweek/{event.pk}/").status_code == 404
    assert "教育局开放日" not in _as(city.users.editor_b).get("/admin/openweek/").content.decode()


def test_export_is_the_units_and_logged(city: Any, event: Any) -> None:
    response = _as(city.users.editor_a).get(f"/admin/openweek/{event.pk}/export/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "13907911234" in text and id_number(3) in text
    assert ModelLogEntry.objects.filter(
        object_id=str(event.pk), action=services.EXPORT, user=city.users.editor_a
    ).exists()
    assert _as(city.users.city_office).get(f"/admin/openweek/{event.pk}/export/").status_code == 403
    assert _as(city.users.editor_b).get(f"/admin/openweek/{event.pk}/export/").status_code == 404


def test_overseer_posts_nothing(city: Any, event: Any) -> None:
    client = _as(city.users.city_office)
    response = client.post(
        f"/admin/openweek/{event.pk}/", {"action": "cancel_event", "reason": "x"}
    )
    assert response.status_code == 403
    assert client.get(f"/admin/openweek/{event.pk}/checkin/").status_code == 403
    assert OpenEvent.objects.get(pk=event.pk).status == EventStatus.PUBLISHED


def test_create_publish_and_cancel_through_the_screens(city: Any) -> None:
    client = _as(city.users.editor_a)
    response = client.post(
        "/admin/openweek/new/",
        {
            "unit": city.a.pk,
            "title": "新开放日",
            "venue": "会议室",
            "starts_at": "2030-05-10T09:00",
            "ends_at": "2030-05-10T11:00",
            "capacity": "20",
            "registration_opens_at": "2030-04-01T09:00",
            "registration_closes_at": "2030-05-09T17:00",
        },
    )
    assert response.status_code == 302
    event = OpenEvent.objects.get(title="新开放日")
    assert event.status == EventStatus.DRAFT
    bad = client.post(
        "/admin/openweek/new/",
        {
            "unit": city.a.pk,
            "title": "坏的",
            "venue": "x",
            "starts_at": "2030-05-10T09:00",
            "ends_at": "2030-05-10T08:00",
            "capacity": "20",
            "registration_opens_at": "2030-04-01T09:00",
            "registration_closes_at": "2030-05-09T17:00",
        },
    )
    assert bad.status_code == 200 and "结束时间须晚于开始时间" in bad.content.decode()
    client.post(f"/admin/openweek/{event.pk}/", {"action": "publish"})
    assert OpenEvent.objects.get(pk=event.pk).status == EventStatus.PUBLISHED
    client.post(f"/admin/openweek/{event.pk}/", {"action": "cancel_event", "reason": "天气原因"})
    assert OpenEvent.objects.get(pk=event.pk).status == EventStatus.CANCELLED
    assert _as(city.users.editor_b).get("/admin/openweek/new/").status_code == 200  # own unit only
    assert _as(city.users.city_office).get("/admin/openweek/new/").status_code == 403


def test_check_in_screen(city: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    before = now - dt.timedelta(days=2)
    event = make_event(
        city.a, city.users.editor_a, starts_in=dt.timedelta(days=2, minutes=5), now=before
    )
    # Registration closed an hour before the start: sign up two days ago.
    r = services.register(event=event, name="李四", phone=phone(4), now=before).registration
    client = _as(city.users.editor_a)
    page = client.get(f"/admin/openweek/{event.pk}/checkin/")
    assert page.status_code == 200
    if timezone.localtime(event.starts_at).date() != timezone.localdate():
        pytest.skip("the event starts after local midnight")
    done = client.post(f"/admin/openweek/{event.pk}/checkin/", {"code": r.checkin_code})
    assert "签到成功" in done.content.decode()
    twice = client.post(f"/admin/openweek/{event.pk}/checkin/", {"code": r.checkin_code})
    assert "不能重复签到" in twice.content.decode()


def test_menu_item_for_staff_only(city: Any, event: Any) -> None:
    assert "/admin/openweek/" in _as(city.users.editor_a).get("/admin/").content.decode()
    assert "/admin/openweek/" not in _as(city.users.officer_a).get("/admin/").content.decode()
    assert _as(city.users.officer_a).get("/admin/openweek/").status_code == 403
