"""The demo's mailbox letters (gongkai.demo.mailbox), loaded into the test city: submitted
through the public service, numbered in the order received, routed three ways."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.demo.mailbox import LETTERS, load_mailbox
from gongkai.mailbox.models import LetterStatus

pytestmark = pytest.mark.django_db


def test_demo_letters(city: Any) -> None:
    orgs = {"nc": city.gov, "jyj": city.a, "jtj": city.b, "zjj": city.a, "sthjj": city.b}
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("demo-admin", "", "x-Passw0rd-demo")
    demo = load_mailbox(orgs, answerer=admin)
    assert len(demo.letters) == len(LETTERS) and len(demo.categories) == 5
    received = [letter.received_on for letter in demo.letters]
    assert received == sorted(received)
    statuses = {letter.status for letter in demo.letters}
    assert statuses == {LetterStatus.ASSIGNED, LetterStatus.RECEIVED, LetterStatus.ANSWERED}
    assert all(letter.due_on and letter.due_on > letter.received_on for letter in demo.letters)
    assert all(letter.query_code_digest for letter in demo.letters)


def test_demo_answers_are_published_rated_and_masked(city: Any) -> None:
    """Two letters are answered through the review's publication, dated within their period,
    rated, shown in 来信选登 with personal data masked, and one becomes a 常见问题 entry."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from gongkai.mailbox.models import FaqEntry, Letter

    orgs = {"nc": city.gov, "jyj": city.a, "jtj": city.b, "zjj": city.a, "sthjj": city.b}
    admin = get_user_model().objects.create_superuser("demo-admin", "", "x-Passw0rd-demo")
    load_mailbox(orgs, answerer=admin)
    answered = list(Letter.objects.filter(status=LetterStatus.ANSWERED).order_by("received_on"))
    assert len(answered) == 2
    for letter in answered:
        assert letter.is_public and letter.satisfaction and letter.answer
        assert letter.received_on < letter.answered_on <= letter.due_on
    assert FaqEntry.objects.filter(source__in=answered, published=True).count() == 1
    listing = Client().get("/hdjl/letters/").content.decode()
    assert "公交站台遮雨棚损坏" in listing and "13807910002" not in listing
