"""mailbox.policies: who handles, routes, oversees; what the screens offer."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.mailbox import policies
from gongkai.mailbox.models import LetterStatus
from gongkai.mailbox.tests.factories import make_letter

pytestmark = pytest.mark.django_db


def test_handlers_are_the_units_disclosure_officers_and_head(city: Any) -> None:
    letter = make_letter(city.a)
    u = city.users
    assert policies.can_handle_letter(u.officer_a, letter)
    assert policies.can_handle_letter(u.head_a, letter)
    for other in (u.editor_a, u.reviewer_a, u.head_b, u.city_office, AnonymousUser()):
        assert not policies.can_handle_letter(other, letter)
    assert set(policies.assignable_handlers(city.a)) == {u.officer_a, u.head_a}


def test_overseers_see_but_do_not_handle(city: Any) -> None:
    letter = make_letter(city.a)
    u = city.users
    assert policies.can_see_letter(u.city_office, letter)
    assert not policies.sees_personal_data(u.city_office, letter)
    assert not policies.can_see_letter(u.district_office, letter)
    assert not policies.can_see_letter(u.head_b, letter)
    assert not policies.can_see_letter(AnonymousUser(), letter)


def test_the_queue_is_the_city_offices(city: Any) -> None:
    queued = make_letter(None)
    u = city.users
    assert policies.can_assign(u.city_office, queued)
    assert policies.can_see_letter(u.city_office, queued)
    assert not policies.can_see_letter(u.district_office, queued)
    assert not policies.can_assign(u.officer_a, queued)
    assert not policies.can_see_letter(u.officer_a, queued)


def test_transfer_targets_exclude_the_own_unit_and_need_an_open_letter(city: Any) -> None:
    letter = make_letter(city.a)
    targets = policies.transfer_targets(city.users.officer_a, letter)
    assert city.b in targets and city.a not in targets
    assert not policies.transfer_targets(city.users.head_b, letter).exists()
    assert not policies.can_transfer(city.users.city_office, letter)  # overseers read only
    in_review = make_letter(city.a, status=LetterStatus.IN_REVIEW)
    assert not policies.can_transfer(city.users.officer_a, in_review)
    assert not policies.can_invalidate(city.users.officer_a, in_review)
