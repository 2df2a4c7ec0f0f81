"""GET /api/v1/events[/{id}]: published online interviews and press conferences with their
guests, linked policies, accepted questions and transcript (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.events import services
from gongkai.events.models import EventKind
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def interviews(city):
    policy = make_policy(city.a, title="关于学前教育资助的通知")
    start = timezone.now() + dt.timedelta(days=3)
    editor = city.users.editor_a

    def make(title, kind, days, publish=True):
        begin = start + dt.timedelta(days=days)
        data = services.EventData(
            kind=kind,
            title=title,
            starts_at=begin,
            ends_at=begin + dt.timedelta(hours=1),
            policies=(policy,),
        )
        event = services.event_save(actor=editor, unit=city.a, data=data)
        return services.event_publish(actor=editor, event=event, published=publish)

    interview = make("在线访谈一", EventKind.INTERVIEW, 0)
    press = make("新闻发布会一", EventKind.PRESS_CONFERENCE, 10)
    hidden = make("未公布的访谈", EventKind.INTERVIEW, 5, publish=False)
    services.guest_save(actor=editor, event=interview, name="张明", post="局长")
    question = services.question_submit(
        event=interview, text="手机13812345678能报名吗？", name="王芳", key="k"
    ).question
    services.question_moderate(actor=editor, question=question, accept=True)
    services.event_start(actor=editor, event=interview)
    services.transcript_post(actor=editor, event=interview, text="欢迎", speaker="主持人")
    return interview, press, hidden, policy


def test_list_filters_and_detail(api, interviews, city):
    interview, press, hidden, policy = interviews
    body = api.get("events")
    assert [item["id"] for item in body["results"]] == [press.pk, interview.pk]
    item = body["results"][1]
    assert item["kind"] == "interview" and item["kind_label"] == "在线访谈"
    assert item["status"] == "live" and item["url"] == f"http://testserver/zxft/{interview.pk}/"
    assert api.get("events", kind="新闻发布会")["count"] == 1
    assert api.get("events", status="live")["results"][0]["id"] == interview.pk
    assert api.get("events", organ=city.a.slug)["count"] == 2
    assert api.get("events", organ=city.b.slug)["count"] == 0
    day = timezone.localtime(press.starts_at).date().isoformat()
    assert api.get("events", **{"from": day})["count"] == 1
    assert api.get("events", to=day)["count"] == 2
    api.get("events", expect=400, kind="open_week")
    api.get("events", expect=400, **{"from": "2026-13-01"})
    detail = api.get(f"events/{interview.pk}")
    assert detail["guests"] == [{"name": "张明", "post": "局长", "unit": ""}]
    assert detail["policy_ids"] == [policy.pk]
    assert detail["questions"][0]["text"] == "手机138****5678能报名吗？"
    assert "王芳" not in str(detail)
    assert [e["text"] for e in detail["transcript"]] == ["欢迎"]
    api.get(f"events/{hidden.pk}", expect=404)
    api.get("events/0", expect=404)
