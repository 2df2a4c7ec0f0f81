"""The demo city's online interviews and press conferences (issue 15): an archived interview of
市教育局 with its guests, answered questions and transcript, linked to one of the unit's
published policies; and an upcoming press conference with questions from the public (one
accepted, one waiting, one held for abusive words).

Everything goes through events.services; times are relative to now, so the upcoming event
stays upcoming whenever the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.core.types import User
from gongkai.events import services
from gongkai.events.models import Event, EventKind
from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.organisations.models import Organisation

UNIT_SLUG = "jyj"


@dataclass(frozen=True)
class EventsDemo:
    archived: Event
    upcoming: Event


def _policy(unit: Organisation) -> PolicyDocumentPage | None:
    unit_policies = PolicyDocumentPage.objects.live().filter(organisation=unit)
    return unit_policies.first() or PolicyDocumentPage.objects.live().first()


def _archived(unit: Organisation, actor: User, policy: PolicyDocumentPage | None) -> Event:
    start = (timezone.localtime() - dt.timedelta(days=12)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    interpretations = (
        tuple(InterpretationPage.objects.live().filter(policy=policy)[:1]) if policy else ()
    )
    event = services.event_save(
        actor=actor,
        unit=unit,
        data=services.EventData(
            kind=EventKind.INTERVIEW,
            title="学前教育资助政策在线访谈",
            summary="市教育局负责同志解读学前教育资助政策，回答网友关心的申请条件、资助标准和发放时间。",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            video_url="https://www.nc.gov.cn/zxft/video/2026-01.mp4",
            policies=(policy,) if policy else (),
            interpretations=interpretations,
        ),
    )
    host_guest = services.guest_save(
        actor=actor, event=event, name="刘建华", post="副局长", unit="南昌市教育局", order=0
    )
    services.guest_save(
        actor=actor, event=event, name="陈静", post="处长", unit="市教育局学生资助管理中心", order=1
    )
    services.event_publish(actor=actor, event=event)
    before = start - dt.timedelta(days=2)
    asked = services.question_submit(
        event=event,
        text="孩子在民办幼儿园就读，也能申请资助吗？我的电话13907911234。",
        name="网友小李",
        contact="13907911234",
        key="demo-1",
        now=before,
    ).question
    services.question_moderate(actor=actor, question=asked, accept=True)
    services.event_start(actor=actor, event=event)
    services.transcript_post(
        actor=actor, event=event, speaker=services.HOST, text="各位网友，欢迎收看今天的在线访谈。"
    )
    services.transcript_post(
        actor=actor,
        event=event,
        guest=host_guest,
        text="各位网友好。今年我市进一步扩大了学前教育资助范围。",
    )
    services.transcript_post(
        actor=actor,
        event=event,
        speaker=services.NETIZEN,
        text=asked.public_text,
    )
    services.transcript_post(
        actor=actor,
        event=event,
        guest=host_guest,
        question=asked,
        text="可以。经教育部门审批设立的普惠性民办幼儿园在园幼儿，符合条件的同样可以申请。",
    )
    services.event_archive(actor=actor, event=event)
    return event


def _upcoming(unit: Organisation, actor: User, policy: PolicyDocumentPage | None) -> Event:
    start = (timezone.localtime() + dt.timedelta(days=7)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    event = services.event_save(
        actor=actor,
        unit=unit,
        data=services.EventData(
            kind=EventKind.PRESS_CONFERENCE,
            title="2026年秋季学期义务教育招生入学政策新闻发布会",
            summary="介绍今年秋季学期义务教育招生入学政策，欢迎网友提前提问。",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1, minutes=30),
            policies=(policy,) if policy else (),
        ),
    )
    services.guest_save(actor=actor, event=event, name="王立新", post="局长", unit="南昌市教育局")
    services.event_publish(actor=actor, event=event)
    accepted = services.question_submit(
        event=event, text="随迁子女入学需要准备哪些材料？", key="demo-2"
    ).question
    services.question_moderate(actor=actor, question=accepted, accept=True)
    services.question_submit(event=event, text="网上报名什么时候开始？", key="demo-3")
    services.question_submit(event=event, text="去死吧，年年都这样", key="demo-4")
    return event


def load_events(
    orgs: dict[str, Organisation] | None = None, *, actor: User | None = None
) -> EventsDemo:
    """Add the demo events to a loaded demo city (``orgs``: the demo's units by slug)."""
    unit = (orgs or {}).get(UNIT_SLUG) or Organisation.objects.get(slug=UNIT_SLUG)
    if actor is None:
        actor = get_user_model().objects.get(username="admin")
    policy = _policy(unit)
    with transaction.atomic():
        archived = _archived(unit, actor, policy)
        upcoming = _upcoming(unit, actor, policy)
    return EventsDemo(archived=archived, upcoming=upcoming)
