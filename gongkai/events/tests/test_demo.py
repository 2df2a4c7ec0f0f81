"""The demo's events (gongkai.demo.events) load into the test city through the services."""

from __future__ import annotations

import pytest

from gongkai.demo.events import load_events
from gongkai.events.models import EventStatus, QuestionStatus
from gongkai.testing import make_policy, make_user

pytestmark = pytest.mark.django_db


def test_demo_events(city, client):
    policy = make_policy(city.a, title="关于学前教育资助的通知")
    admin = make_user("demo_admin", is_superuser=True, is_staff=True)
    loaded = load_events({"jyj": city.a}, actor=admin)
    archived, upcoming = loaded.archived, loaded.upcoming
    assert archived.status == EventStatus.ENDED and archived.published
    assert list(archived.policies.all()) == [policy]
    assert archived.transcript.count() == 4
    assert archived.questions.get().status == QuestionStatus.ANSWERED
    assert upcoming.status == EventStatus.UPCOMING
    statuses = sorted(upcoming.questions.values_list("status", flat=True))
    assert statuses == sorted(
        [QuestionStatus.ACCEPTED, QuestionStatus.PENDING, QuestionStatus.HELD]
    )
    page = client.get(policy.get_url()).content.decode()
    assert archived.title in page and upcoming.title in page
    assert "13907911234" not in client.get(f"/zxft/{archived.pk}/").content.decode()
