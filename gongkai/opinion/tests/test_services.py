"""Deadlines by level (国办发〔2016〕61号: 5 h / 24 h; the configurable 较大/一般 periods), the
register's rules, escalation once, and the timeliness statistics against a hand count."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from gongkai.opinion import services
from gongkai.opinion.models import Incident, IncidentAssignment, IncidentStatus
from gongkai.opinion.selectors import timeliness_stats
from gongkai.opinion.tests.helpers import T0, hours, incident, respond

pytestmark = pytest.mark.django_db


# --- Deadlines -----------------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["especially_major", "major"])
def test_major_levels_have_the_statutory_5_and_24_hours(city: Any, level: str) -> None:
    item = incident(city, level=level)
    assert item.respond_by == T0 + hours(5)
    assert item.conference_by == T0 + hours(24)


def test_other_levels_use_our_defaults_24_and_48_hours(city: Any) -> None:
    assert incident(city, level="large").respond_by == T0 + hours(24)
    general = incident(city, level="general")
    assert general.respond_by == T0 + hours(48)
    assert general.conference_by is None


def test_configured_period_applies_to_incidents_registered_afterwards(city: Any) -> None:
    before = incident(city, level="general")
    services.response_period_set(actor=city.users.city_office, level="general", hours=12)
    after = incident(city, level="general")
    assert after.respond_by == T0 + hours(12)
    before.refresh_from_db()
    assert before.respond_by == T0 + hours(48)  # a running deadline does not move


def test_statutory_periods_cannot_be_configured_and_only_the_city_office_sets_periods(
    city: Any,
) -> None:
    with pytest.raises(ValidationError):
        services.response_period_set(actor=None, level="major", hours=48)
    with pytest.raises(PermissionDenied):
        services.response_period_set(actor=city.users.district_office, level="large", hours=12)
    with pytest.raises(PermissionDenied):
        services.response_period_set(actor=city.users.head_a, level="large", hours=12)


def test_numbers_are_gapless_per_year(city: Any) -> None:
    first, second = incident(city), incident(city)
    assert (first.number, second.number) == ("YQ2026-0001", "YQ2026-0002")


# --- Register, assign, respond, close ------------------------------------------------------------


def test_bad_input_is_refused(city: Any) -> None:
    base = {
        "actor": None,
        "office": city.gov,
        "source": "media",
        "first_seen_at": T0,
        "summary": "摘要",
        "matter": "事项",
        "now": T0,
    }
    with pytest.raises(ValidationError):
        services.incident_register(**base, level="catastrophic")
    with pytest.raises(ValidationError):
        services.incident_register(**base, level="major", link="javascript:alert(1)")
    with pytest.raises(ValidationError):
        services.incident_register(**base, level="major", link="ftp://example.com/x")
    with pytest.raises(ValidationError):
        services.incident_register(**{**base, "first_seen_at": T0 + hours(3)}, level="major")
    assert not Incident.objects.exists()


def test_assignment_is_recorded_with_reason_and_reassignment_keeps_the_first(city: Any) -> None:
    item = services.incident_register(
        actor=city.users.city_office,
        office=city.gov,
        source="hotline",
        first_seen_at=T0,
        summary="市民反映学校收费问题。",
        level="general",
        matter="学校收费",
        now=T0,
    )
    assert item.unit is None
    with pytest.raises(ValidationError):
        services.incident_assign(
            actor=city.users.city_office, incident=item, unit=city.b, reason=" "
        )
    services.incident_assign(
        actor=city.users.city_office, incident=item, unit=city.b, reason="涉及收费"
    )
    services.incident_assign(
        actor=city.users.city_office, incident=item, unit=city.a, reason="收费属教育局监管"
    )
    rows = list(IncidentAssignment.objects.filter(incident=item).order_by("pk"))
    assert [(r.unit, r.previous_unit, r.reason) for r in rows] == [
        (city.b, None, "涉及收费"),
        (city.a, city.b, "收费属教育局监管"),
    ]
    assert all(r.decided_by == city.users.city_office for r in rows)
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(item.pk)).values_list("action", flat=True)
    )
    assert {services.INCIDENT_REGISTER, services.INCIDENT_ASSIGN} <= actions


def test_who_may_assign_respond_and_close(city: Any) -> None:
    item = incident(city)
    with pytest.raises(PermissionDenied):  # the district's office does not oversee 市教育局
        services.incident_assign(
            actor=city.users.district_office, incident=item, unit=city.district, reason="x"
        )
    with pytest.raises(PermissionDenied):  # the unit itself does not reassign
        services.incident_assign(actor=city.users.head_a, incident=item, unit=city.b, reason="x")
    with pytest.raises(PermissionDenied):  # another unit does not respond
        services.response_record(
            actor=city.users.editor_b,
            incident=item,
            kind="authoritative",
            published_at=T0 + hours(1),
            title="通报",
            url="https://example.gov.cn/",
            now=T0 + hours(1),
        )
    with pytest.raises(PermissionDenied):  # the unit does not close
        services.incident_close(actor=city.users.head_a, incident=item, reason="已平息")
    services.response_record(
        actor=city.users.editor_a,
        incident=item,
        kind="authoritative",
        published_at=T0 + hours(1),
        title="关于校车超载情况的通报",
        url="https://jyj.example.gov.cn/tb/1.html",
        now=T0 + hours(1),
    )
    services.incident_close(actor=city.users.city_office, incident=item, reason="已回应，舆情平息")
    item.refresh_from_db()
    assert item.status == IncidentStatus.CLOSED
    with pytest.raises((PermissionDenied, ValidationError)):
        respond(item, "press_conference", T0 + hours(2))


def test_response_input_is_checked(city: Any) -> None:
    item = incident(city)
    bad = [
        {"kind": "tweet"},
        {"url": "javascript:alert(1)"},
        {"url": ""},
        {"published_at": T0 - hours(1)},
        {"title": "关于张三（身份证号36010219900101123X）的情况通报"},
    ]
    for change in bad:
        data = {
            "actor": None,
            "incident": item,
            "kind": "authoritative",
            "published_at": T0 + hours(1),
            "title": "情况通报",
            "url": "https://example.gov.cn/a.html",
            "now": T0 + hours(1),
            **change,
        }
        with pytest.raises(ValidationError):
            services.response_record(**data)
    assert not item.responses.exists()


def test_status_is_responded_once_every_required_response_is_there(city: Any) -> None:
    item = incident(city, level="major")
    respond(item, "authoritative", T0 + hours(2))
    item.refresh_from_db()
    assert item.status == IncidentStatus.OPEN  # the press conference is still due
    respond(item, "press_conference", T0 + hours(20))
    item.refresh_from_db()
    assert item.status == IncidentStatus.RESPONDED


# --- Escalation ------------------------------------------------------------------------------------


def test_overdue_incidents_escalate_once_to_the_overseer(city: Any) -> None:
    get_user_model().objects.filter(username="city_office").update(email="office@nc.example.gov.cn")
    get_user_model().objects.filter(username="district_office").update(email="dh@nc.example.gov.cn")
    late = incident(city, level="major", matter="食品安全")
    answered = incident(city, level="major", matter="交通拥堵")
    respond(answered, "authoritative", T0 + hours(4))
    general = incident(city, level="general", matter="噪音扰民")

    assert services.incidents_escalate(now=T0 + hours(4)).escalated == 0
    stats = services.incidents_escalate(now=T0 + hours(6))
    assert [n for n, _to in stats.messages] == [late.number]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["office@nc.example.gov.cn"]  # not the district's office
    assert late.number in mail.outbox[0].subject and "权威信息发布" in mail.outbox[0].body
    assert services.incidents_escalate(now=T0 + hours(7)).escalated == 0  # once
    # The answered one misses its press conference at 24 h; the general one its 48 h.
    stats = services.incidents_escalate(now=T0 + hours(25))
    assert [n for n, _to in stats.messages] == [answered.number]
    stats = services.incidents_escalate(now=T0 + hours(49))
    assert [n for n, _to in stats.messages] == [general.number]
    assert services.incidents_escalate(now=T0 + hours(100)).escalated == 0
    assert len(mail.outbox) == 3
    late.refresh_from_db()
    assert late.escalated_at == T0 + hours(6)


def test_closed_and_answered_incidents_are_not_escalated(city: Any) -> None:
    closed = incident(city, level="general")
    services.incident_close(actor=None, incident=closed, reason="信息不实")
    answered_late = incident(city, level="general")
    respond(answered_late, "briefing", T0 + hours(60))
    assert services.incidents_escalate(now=T0 + hours(61)).escalated == 0


# --- Statistics against a hand count --------------------------------------------------------------


def test_timeliness_statistics_equal_a_hand_count(city: Any) -> None:
    # 市教育局 (a), March 2026:
    #  1 major, info 3 h + conference 20 h           → on time, first response 3 h
    #  2 major, info 7 h (late) + conference 23 h     → late, 7 h
    #  3 major, info 2 h, no conference, now = +30 h  → unresponded, 2 h
    #  4 general (48 h), briefing at 10 h             → on time, 10 h
    #  5 large (24 h), nothing yet, seen 2 h before now → pending
    #  6 general, nothing, 48 h passed                → unresponded
    # 市财政局 (b): 7 large, other at 30 h             → late, 30 h
    # Outside the month (February) and unassigned: not counted.
    now = T0 + hours(30)
    one = incident(city, level="major")
    respond(one, "authoritative", T0 + hours(3))
    respond(one, "press_conference", T0 + hours(20))
    two = incident(city, level="major")
    respond(two, "authoritative", T0 + hours(7))
    respond(two, "press_conference", T0 + hours(23))
    three = incident(city, level="major")
    respond(three, "authoritative", T0 + hours(2))
    four = incident(city, level="general")
    respond(four, "briefing", T0 + hours(10))
    incident(city, level="large", seen=T0 + hours(28))
    incident(city, level="general", seen=T0 - hours(30))
    seven = incident(city, level="large", unit=city.b)
    respond(seven, "other", T0 + hours(30))
    incident(city, level="general", seen=T0 - hours(24 * 20))  # February
    services.incident_register(
        actor=None,
        office=city.gov,
        source="media",
        first_seen_at=T0,
        summary="未分办",
        level="general",
        matter="未分办",
        now=T0,
    )
    rows = {
        u.unit_name: u.as_dict()
        for u in timeliness_stats(Incident.objects.all(), year=2026, month=3, now=now)
    }
    assert rows[city.a.name] == {
        "organ": city.a.name,
        "slug": city.a.slug,
        "incidents": 6,
        "on_time": 2,
        "late": 1,
        "unresponded": 2,
        "pending": 1,
        "average_hours_to_first_response": round((3 + 7 + 2 + 10) / 4, 1),
    }
    assert rows[city.b.name]["incidents"] == 1
    assert rows[city.b.name]["late"] == 1
    assert rows[city.b.name]["average_hours_to_first_response"] == 30.0
    year = {
        u.unit_name: u.incidents
        for u in timeliness_stats(Incident.objects.all(), year=2026, now=now)
    }
    assert year[city.a.name] == 7
