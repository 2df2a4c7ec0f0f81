"""The public pages /kfz/: list, event page and registration form, result, 我的报名 (status,
cancel, feedback), the summary; personal data never shown in full."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.openweek import services
from gongkai.openweek.models import Registration
from gongkai.openweek.tests.helpers import id_number, make_event, phone

pytestmark = pytest.mark.django_db


def _form(client: Client, event: Any) -> dict[str, str]:
    page = client.get(f"/kfz/{event.pk}/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page)
    assert token
    return {"token": token.group(1), "consent": "on"}


def _register(client: Client, event: Any, **fields: str) -> Any:
    return client.post(f"/kfz/{event.pk}/", {**_form(client, event), **fields})


def test_list_shows_published_events_by_unit(city: Any) -> None:
    make_event(city.a, city.users.editor_a, title="教育局开放日")
    make_event(city.a, city.users.editor_a, title="草稿活动", publish=False)
    make_event(city.b, city.users.editor_b, title="财政局开放日")
    body = Client().get("/kfz/").content.decode()
    assert "教育局开放日" in body and "财政局开放日" in body and "草稿活动" not in body
    body = Client().get("/kfz/", {"unit": city.b.slug, "when": "upcoming"}).content.decode()
    assert "财政局开放日" in body and "教育局开放日" not in body
    assert Client().get("/kfz/", {"when": "nonsense"}).status_code == 400
    assert Client().get("/kfz/", {"unit": "9" * 30}).status_code == 400


def test_draft_and_missing_events_are_404(city: Any) -> None:
    draft = make_event(city.a, city.users.editor_a, publish=False)
    assert Client().get(f"/kfz/{draft.pk}/").status_code == 404
    assert Client().get("/kfz/987654321/").status_code == 404
    assert Client().get(f"/kfz/{2**64}/").status_code == 404


def test_register_see_codes_once_and_duplicate_refused(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a, needs_id=True)
    client = Client()
    page = client.get(f"/kfz/{event.pk}/").content.decode()
    assert 'name="id_number"' in page and '剩余 <strong id="seats-left">2</strong>' in page
    response = _register(client, event, name="张三丰", phone="13907911234", id_number=id_number(7))
    assert response.status_code == 302 and response["Location"] == f"/kfz/{event.pk}/done/"
    done = client.get(response["Location"]).content.decode()
    registration = Registration.objects.get(event=event)
    assert "报名成功" in done and registration.checkin_code in done
    assert re.search(r'id="query-code">[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}<', done)
    assert "13907911234" not in done and "139****1234" in done
    assert id_number(7) not in done and "张三丰" not in done
    assert "已经显示过" in client.get(f"/kfz/{event.pk}/done/").content.decode()
    # The same phone again: refused with the reason, nothing stored.
    again = _register(client, event, name="张三丰", phone="13907911234", id_number=id_number(8))
    assert again.status_code == 200
    assert "该手机号码已报名本场活动" in again.content.decode()
    assert Registration.objects.filter(event=event).count() == 1
    # A missing or wrong ID number where the venue needs one.
    bad = _register(client, event, name="李四", phone=phone(2), id_number="360102199001010000")
    assert "身份证号码不正确" in bad.content.decode()
    # Public pages never show the phone or ID number.
    for url in ("/kfz/", f"/kfz/{event.pk}/"):
        body = Client().get(url).content.decode()
        assert "13907911234" not in body and id_number(7) not in body


def test_no_id_field_when_not_needed(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a)
    assert 'name="id_number"' not in Client().get(f"/kfz/{event.pk}/").content.decode()


def test_full_event_offers_the_waiting_list(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a, capacity=1)
    services.register(event=event, name="甲", phone=phone(1))
    client = Client()
    assert "报名候补" in client.get(f"/kfz/{event.pk}/").content.decode()
    response = _register(client, event, name="乙", phone=phone(2))
    done = client.get(response["Location"]).content.decode()
    assert "候补名单第 1 位" in done


def test_closed_registration_refuses_posts(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a)
    services.event_cancel(actor=city.users.editor_a, event=event, reason="场地维修")
    body = Client().get(f"/kfz/{event.pk}/").content.decode()
    assert "本场活动已取消" in body and "场地维修" in body and 'name="phone"' not in body
    response = Client().post(
        f"/kfz/{event.pk}/", {"name": "甲", "phone": phone(1), "consent": "on"}
    )
    assert response.status_code == 403


def test_mine_shows_status_cancels_and_moves_the_waiting_up(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a, capacity=1)
    first = services.register(event=event, name="甲", phone=phone(1))
    second = services.register(event=event, name="乙", phone=phone(2))
    client = Client()
    assert client.get("/kfz/mine/").status_code == 200
    wrong = client.post(
        "/kfz/mine/", {"number": first.registration.number, "code": "AAAA-BBBB-CCCC"}
    )
    assert wrong.status_code == 404 and "报名编号或查询码不正确" in wrong.content.decode()
    shown = client.post("/kfz/mine/", {"number": second.registration.number, "code": second.code})
    assert "候补第 1 位" in shown.content.decode()
    cancel = client.post(
        "/kfz/mine/",
        {"number": first.registration.number, "code": first.code.lower(), "action": "cancel"},
    )
    assert "报名已取消" in cancel.content.decode()
    shown = client.post("/kfz/mine/", {"number": second.registration.number, "code": second.code})
    assert "（由候补递补）" in shown.content.decode()


def test_feedback_after_attending_and_summary(city: Any, settings: Any) -> None:
    now = timezone.now()
    before = now - dt.timedelta(days=2)
    event = make_event(
        city.a, city.users.editor_a, starts_in=dt.timedelta(days=2, hours=-5), hours=2, now=before
    )
    # Registered while registration was open (two days ago), checked in during the event.
    went = services.register(event=event, name="甲", phone=phone(1), now=before)
    services.check_in(
        actor=city.users.editor_a,
        event=event,
        code=went.registration.checkin_code,
        now=event.starts_at,
    )
    services.summary_save(
        actor=city.users.editor_a, event=event, summary="共接待市民20人。", publish=True
    )
    client = Client()
    page = client.post("/kfz/mine/", {"number": went.registration.number, "code": went.code})
    assert "提交评价" in page.content.decode()
    rated = client.post(
        "/kfz/mine/",
        {
            "number": went.registration.number,
            "code": went.code,
            "action": "feedback",
            "rating": "5",
            "text": "很好",
        },
    )
    assert "感谢您的评价" in rated.content.decode()
    body = Client().get(f"/kfz/{event.pk}/").content.decode()
    assert "共接待市民20人。" in body and "平均满意度 5.0 分" in body


def test_sign_ups_are_rate_limited(city: Any, settings: Any) -> None:
    settings.GONGKAI = {**settings.GONGKAI, "COMMENT_LIMIT": 1}
    event = make_event(city.a, city.users.editor_a, capacity=5)
    client = Client()
    assert _register(client, event, name="甲", phone=phone(1)).status_code == 302
    limited = _register(client, event, name="乙", phone=phone(2))
    assert limited.status_code == 429 and "请稍后再试" in limited.content.decode()
