"""/zwyq/: the published responses only — nothing of the incident beyond the response, nothing
of a response not marked public — and bad parameters a 400 in Chinese."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.opinion.tests.helpers import T0, hours, incident, respond

pytestmark = pytest.mark.django_db


def test_public_list_shows_published_responses_only(city: Any) -> None:
    item = incident(city)
    respond(item, "authoritative", T0 + hours(2), title="关于校车运行情况的通报")
    respond(item, "other", T0 + hours(3), public=False, title="内部报送材料")
    body = Client().get("/zwyq/").content.decode()
    assert "关于校车运行情况的通报" in body
    assert "权威信息发布" in body and city.a.name in body
    assert "https://jyj.example.gov.cn/tb/1.html" in body
    assert "内部报送材料" not in body
    assert "网传某校校车超载" not in body  # the incident's summary
    assert "weibo.example.com" not in body  # the incident's link
    assert "<script" not in body.split("<main")[-1].split("</main>")[0]


def test_year_filter_and_bad_parameters(city: Any) -> None:
    respond(incident(city), "briefing", T0 + hours(2), title="二〇二六年通报")
    assert "二〇二六年通报" in Client().get("/zwyq/", {"year": 2026}).content.decode()
    assert "二〇二六年通报" not in Client().get("/zwyq/", {"year": 2025}).content.decode()
    for params in ({"year": "abc"}, {"year": "99999"}, {"page": "-1"}, {"page": "9" * 40}):
        response = Client().get("/zwyq/", params)
        assert response.status_code == 400, params
        assert "请求参数有误" in response.content.decode() or "应" in response.content.decode()


def test_elder_mode_renders(city: Any) -> None:
    respond(incident(city), "briefing", T0 + hours(2), title="长辈版可见通报")
    client = Client()
    client.get("/elder/on/")
    body = client.get("/zwyq/").content.decode()
    assert 'class="elder"' in body and "长辈版可见通报" in body
