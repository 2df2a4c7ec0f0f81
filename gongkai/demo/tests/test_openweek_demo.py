"""The demo's 政府开放周 (gongkai.demo.openweek), loaded into the test city: an upcoming event
with a waiting list that has moved once, and a past one with attendance, feedback and summary."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from gongkai.demo.openweek import load_openweek
from gongkai.openweek import selectors
from gongkai.openweek.models import OpenEvent, RegistrationStatus
from gongkai.testing import make_user

pytestmark = pytest.mark.django_db


def test_demo_open_days(city: Any) -> None:
    admin = make_user("ow_demo_admin", is_superuser=True, is_staff=True)
    with transaction.atomic():
        loaded = load_openweek({"jyj": city.a, "sthjj": city.b}, actor=admin)
    upcoming = selectors.with_counts(OpenEvent.objects.filter(pk=loaded.upcoming.pk)).get()
    assert (upcoming.confirmed, upcoming.waiting) == (6, 2)
    assert upcoming.registrations.filter(promoted_at__isnull=False).count() == 1
    assert upcoming.registrations.filter(status=RegistrationStatus.CANCELLED).count() == 1
    past = selectors.with_counts(OpenEvent.objects.filter(pk=loaded.past.pk)).get()
    assert past.attended == 7 and past.summary_published
    assert selectors.rating_of(past).count == 5
    body = Client().get(f"/kfz/{past.pk}/").content.decode()
    assert "本次开放日共有7位市民参加" in body and "平均满意度 4.2 分" in body
    assert "报名中" in Client().get("/kfz/").content.decode()
