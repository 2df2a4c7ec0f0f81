"""Registration rules of 政府开放周: capacity and the waiting list, double registration,
the registration period, cancellation moving the waiting list up, check-in once, feedback."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from gongkai.openweek import selectors, services
from gongkai.openweek.models import Registration, RegistrationStatus
from gongkai.openweek.tests.helpers import ANONYMOUS, id_number, make_event, phone
from gongkai.openweek.validators import valid_id_number

pytestmark = pytest.mark.django_db


def test_seats_then_waiting_list_in_order(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a, capacity=2)
    results = [services.register(event=event, name=f"市民{n}", phone=phone(n)) for n in range(4)]
    assert [r.registration.status for r in results] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    assert [r.registration.waiting_position() for r in results] == [None, None, 1, 2]
    assert all(r.code and r.created for r in results)
    assert len({r.registration.checkin_code for r in results}) == 4
    assert selectors.seats_left(event) == 0


def test_same_phone_or_id_twice_is_refused_in_chinese(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a, needs_id=True)
    services.register(event=event, name="张三", phone="139 0000 0001", id_number=id_number(1))
    with pytest.raises(ValidationError) as error:
        services.register(event=event, name="张三", phone="13900000001", id_number=id_number(2))
    assert error.value.code == "duplicate"
    assert "该手机号码已报名本场活动" in error.value.messages[0]
    with pytest.raises(ValidationError, match="该身份证号码已报名本场活动"):
        services.register(event=event, name="李四", phone=phone(9), id_number=id_number(1))
    assert Registration.objects.filter(event=event).count() == 1


def test_the_database_itself_refuses_a_second_active_registration(city: Any) -> None:
    """The constraint, not only the check: a write that skipped the service still fails."""
    event = make_event(city.a, city.users.editor_a)
    result = services.register(event=event, name="张三", phone=phone(1))
    first = result.registration
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event,
            number="X-1",
            serial=99,
            name="张三",
            phone=phone(1),
            status=RegistrationStatus.WAITING,
            checkin_code="ZZZZZZ",
            query_digest="x",
        )
    # Once cancelled, the same phone may sign up again.
    services.registration_cancel(number=first.number, code=result.code)
    assert services.register(event=event, name="张三", phone=phone(1)).created


def test_cancel_moves_the_first_waiting_up_and_logs(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a, capacity=1)
    first = services.register(event=event, name="甲", phone=phone(1))
    second = services.register(event=event, name="乙", phone=phone(2))
    third = services.register(event=event, name="丙", phone=phone(3))
    assert second.registration.status == "waiting"
    with pytest.raises(ValidationError, match="报名编号或查询码不正确"):
        services.registration_cancel(number=first.registration.number, code="AAAA-AAAA-AAAA")
    services.registration_cancel(number=first.registration.number, code=first.code)
    second.registration.refresh_from_db()
    third.registration.refresh_from_db()
    assert second.registration.status == "confirmed" and second.registration.promoted_at
    assert third.registration.waiting_position() == 1
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(event.pk)).values_list("action", flat=True)
    )
    assert {services.REGISTRATION_CANCEL, services.REGISTRATION_PROMOTE} <= actions
    # The organiser cancels the confirmed one: the next moves up.
    services.registration_cancel_by_host(
        actor=city.users.editor_a, registration=second.registration
    )
    third.registration.refresh_from_db()
    assert third.registration.status == "confirmed"
    with pytest.raises(PermissionDenied):
        services.registration_cancel_by_host(
            actor=city.users.editor_b, registration=third.registration
        )


def test_larger_capacity_moves_waiting_up(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a, capacity=1)
    services.register(event=event, name="甲", phone=phone(1))
    waiting = services.register(event=event, name="乙", phone=phone(2)).registration
    fields = services.EventFields(
        **{n: getattr(event, n) for n in services.EventFields.__dataclass_fields__}
        | {"capacity": 2}
    )
    services.event_save(actor=city.users.editor_a, unit=city.a, fields=fields, event=event)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_registration_only_in_its_period_and_for_published_events(city: Any) -> None:
    now = timezone.now()
    draft = make_event(city.a, city.users.editor_a, publish=False)
    with pytest.raises(ValidationError, match="尚未发布"):
        services.register(event=draft, name="甲", phone=phone(1))
    event = make_event(city.a, city.users.editor_a)
    with pytest.raises(ValidationError, match="报名尚未开始"):
        services.register(event=event, name="甲", phone=phone(1), now=now - dt.timedelta(days=40))
    with pytest.raises(ValidationError, match="报名已截止"):
        services.register(event=event, name="甲", phone=phone(1), now=event.starts_at)
    services.event_cancel(actor=city.users.editor_a, event=event, reason="场地维修")
    with pytest.raises(ValidationError, match="已取消"):
        services.register(event=event, name="甲", phone=phone(1))


def test_field_checks(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a, needs_id=True)
    with pytest.raises(ValidationError) as error:
        services.register(event=event, name=" ", phone="12345", id_number="360102199001010011")
    assert set(error.value.error_dict) == {"name", "phone", "id_number"}
    today = timezone.localdate()
    assert valid_id_number(id_number(5), today)
    assert not valid_id_number(id_number(5)[:-1] + ("0" if id_number(5)[-1] != "0" else "1"), today)
    # Without needs_id an ID number is not even stored.
    plain = make_event(city.a, city.users.editor_a, title="不需身份证")
    r = services.register(event=plain, name="甲", phone=phone(1), id_number=id_number(1))
    assert r.registration.id_number == ""


def test_same_token_files_one_registration(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a)
    first = services.register(event=event, name="甲", phone=phone(1), token="t" * 24)
    again = services.register(event=event, name="甲", phone=phone(1), token="t" * 24)
    assert again.registration.pk == first.registration.pk and not again.created and not again.code


def test_check_in_once_on_the_day(city: Any) -> None:
    now = timezone.now()
    event = make_event(
        city.a, city.users.editor_a, capacity=1, starts_in=dt.timedelta(days=2), now=now
    )
    confirmed = services.register(event=event, name="甲", phone=phone(1), now=now).registration
    waiting = services.register(event=event, name="乙", phone=phone(2), now=now).registration
    with pytest.raises(ValidationError, match="活动当天"):
        services.check_in(
            actor=city.users.editor_a, event=event, code=confirmed.checkin_code, now=now
        )
    day = event.starts_at
    with pytest.raises(PermissionDenied):
        services.check_in(
            actor=city.users.editor_b, event=event, code=confirmed.checkin_code, now=day
        )
    with pytest.raises(PermissionDenied):
        services.check_in(
            actor=city.users.city_office, event=event, code=confirmed.checkin_code, now=day
        )
    done = services.check_in(
        actor=city.users.editor_a, event=event, code=confirmed.checkin_code.lower(), now=day
    )
    assert done.attended_at == day
    with pytest.raises(ValidationError) as twice:
        services.check_in(
            actor=city.users.editor_a, event=event, code=confirmed.checkin_code, now=day
        )
    assert twice.value.code == "twice"
    with pytest.raises(ValidationError) as still_waiting:
        services.check_in(
            actor=city.users.editor_a, event=event, code=waiting.checkin_code, now=day
        )
    assert still_waiting.value.code == "waiting"
    with pytest.raises(ValidationError, match="签到码不存在"):
        services.check_in(actor=city.users.editor_a, event=event, code="??", now=day)


def test_feedback_only_from_attendees_after_the_event(city: Any) -> None:
    now = timezone.now()
    event = make_event(
        city.a, city.users.editor_a, capacity=5, starts_in=dt.timedelta(days=2), now=now
    )
    went = services.register(event=event, name="甲", phone=phone(1), now=now)
    absent = services.register(event=event, name="乙", phone=phone(2), now=now)
    services.check_in(
        actor=city.users.editor_a,
        event=event,
        code=went.registration.checkin_code,
        now=event.starts_at,
    )
    after = event.ends_at + dt.timedelta(hours=1)
    with pytest.raises(ValidationError, match="活动结束后"):
        services.feedback_submit(
            number=went.registration.number, code=went.code, rating=5, now=event.starts_at
        )
    with pytest.raises(ValidationError, match="只有签到"):
        services.feedback_submit(
            number=absent.registration.number, code=absent.code, rating=5, now=after
        )
    with pytest.raises(ValidationError, match="满意度"):
        services.feedback_submit(
            number=went.registration.number, code=went.code, rating=6, now=after
        )
    feedback = services.feedback_submit(
        number=went.registration.number,
        code=went.code,
        rating=4,
        text="讲解很好，我的电话13907911234请回电",
        now=after,
    )
    assert "13907911234" not in feedback.public_text and "139****1234" in feedback.public_text
    with pytest.raises(ValidationError, match="已评价"):
        services.feedback_submit(
            number=went.registration.number, code=went.code, rating=3, now=after
        )
    assert selectors.rating_of(event).average == 4


def test_summary_public_only_after_the_event_and_masked(city: Any) -> None:
    event = make_event(city.a, city.users.editor_a)
    with pytest.raises(ValidationError, match="活动结束后"):
        services.summary_save(actor=city.users.editor_a, event=event, summary="好", publish=True)
    event = services.summary_save(
        actor=city.users.editor_a,
        event=event,
        summary="联系人13907911234",
        publish=True,
        now=event.ends_at + dt.timedelta(hours=1),
    )
    assert event.summary_published and "13907911234" not in event.summary
    with pytest.raises(PermissionDenied):
        services.summary_save(actor=ANONYMOUS, event=event, summary="x", publish=False)


def test_staff_permissions_on_events(city: Any) -> None:
    with pytest.raises(PermissionDenied):
        make_event(city.a, city.users.editor_b)
    with pytest.raises(PermissionDenied):
        make_event(city.a, city.users.city_office)
    event = make_event(city.a, city.users.head_a, publish=False)
    with pytest.raises(PermissionDenied):
        services.event_publish(actor=city.users.reviewer_a, event=event)


def test_events_for_the_api(city: Any) -> None:
    make_event(city.a, city.users.editor_a, publish=False, title="草稿不出现")
    event = make_event(city.a, city.users.editor_a, capacity=3)
    services.register(event=event, name="甲", phone=phone(1))
    rows = selectors.public_events_for_api()
    assert rows == [
        {
            "id": event.pk,
            "kind": "open_week",
            "title": event.title,
            "organ": {"slug": city.a.slug, "name": city.a.name},
            "starts_at": event.starts_at.isoformat(),
            "ends_at": event.ends_at.isoformat(),
            "venue": event.venue,
            "capacity": 3,
            "seats_left": 2,
            "url": f"/kfz/{event.pk}/",
        }
    ]
