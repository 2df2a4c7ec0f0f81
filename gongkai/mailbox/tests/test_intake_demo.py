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
    demo = load_mailbox(orgs)
    assert len(demo.letters) == len(LETTERS) and len(demo.categories) == 5
    received = [letter.received_on for letter in demo.letters]
    assert received == sorted(received)
    statuses = {letter.status for letter in demo.letters}
    assert statuses == {LetterStatus.ASSIGNED, LetterStatus.RECEIVED}
    assert all(letter.due_on and letter.due_on > letter.received_on for letter in demo.letters)
    assert all(letter.query_code_digest for letter in demo.letters)
