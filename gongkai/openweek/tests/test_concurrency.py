"""Real concurrent sign-ups (threads, each with its own database connection) on the database the
suite runs on — SQLite (make test) and PostgreSQL (DATABASE_URL, .ci/run): the capacity is held
exactly, the rest wait in sign-up order, no phone is registered twice, no sign-up is lost."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from gongkai.openweek import services
from gongkai.openweek.models import OpenEvent, Registration, RegistrationStatus
from gongkai.openweek.tests.helpers import make_event, phone
from gongkai.organisations.models import Role

CAPACITY = 10
PEOPLE = 30  # distinct phones
DUPLICATES = 10  # second sign-ups with a phone already used, sent at the same moment


def _run(jobs: list[Any]) -> tuple[list[Any], list[BaseException]]:
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = []
    errors: list[BaseException] = []

    def work(job: Any) -> None:
        try:
            barrier.wait(timeout=60)
            results.append(job())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    return results, errors


@pytest.fixture
def host(wagtail_baseline: Any) -> Any:
    from gongkai.testing import make_unit, make_user

    unit = make_unit("并发报名市教育局")
    user = make_user("ow_concurrency_editor", roles=[(unit, Role.EDITOR)])
    return unit, user


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_up_holds_capacity_and_refuses_doubles(host: Any) -> None:
    unit, user = host
    event = make_event(unit, user, capacity=CAPACITY)

    def sign_up(n: int) -> Any:
        return services.register(
            event=OpenEvent.objects.get(pk=event.pk), name=f"市民{n}", phone=phone(n)
        )

    jobs = [lambda n=n: sign_up(n) for n in range(PEOPLE)]
    jobs += [lambda n=n: sign_up(n) for n in range(DUPLICATES)]
    results, errors = _run(jobs)

    # Only the duplicates fail, each with the Chinese duplicate message; nothing else.
    assert len(errors) == DUPLICATES, [
        repr(e) for e in errors if not isinstance(e, ValidationError)
    ]
    assert all(isinstance(e, ValidationError) and e.code == "duplicate" for e in errors)
    assert len(results) == PEOPLE  # none lost
    rows = Registration.objects.filter(event=event)
    assert rows.count() == PEOPLE
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == CAPACITY
    assert rows.filter(status=RegistrationStatus.WAITING).count() == PEOPLE - CAPACITY
    assert max(Counter(rows.values_list("phone", flat=True)).values()) == 1
    # The serials are gapless and the first CAPACITY of them hold the seats.
    serials = sorted(rows.values_list("serial", flat=True))
    assert serials == list(range(1, PEOPLE + 1))
    confirmed = sorted(
        rows.filter(status=RegistrationStatus.CONFIRMED).values_list("serial", flat=True)
    )
    assert confirmed == list(range(1, CAPACITY + 1))
    assert len(set(rows.values_list("checkin_code", flat=True))) == PEOPLE


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_and_sign_ups_keep_the_seats_exact(host: Any) -> None:
    unit, user = host
    event = make_event(unit, user, capacity=5)
    first = [
        services.register(event=event, name=f"甲{n}", phone=phone(n)) for n in range(8)
    ]  # 5 confirmed, 3 waiting

    jobs: list[Any] = [
        lambda r=r: services.registration_cancel(number=r.registration.number, code=r.code)
        for r in first[:4]
    ]
    jobs += [
        lambda n=n: services.register(
            event=OpenEvent.objects.get(pk=event.pk), name=f"乙{n}", phone=phone(100 + n)
        )
        for n in range(6)
    ]
    results, errors = _run(jobs)
    assert len(results) == len(jobs)

    assert not errors, errors
    rows = Registration.objects.filter(event=event)
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 5
    assert rows.filter(status=RegistrationStatus.CANCELLED).count() == 4
    assert rows.filter(status=RegistrationStatus.WAITING).count() == 14 - 4 - 5
    # Whoever waits signed up after everyone confirmed (first come, first served).
    waiting_min = min(
        rows.filter(status=RegistrationStatus.WAITING).values_list("serial", flat=True)
    )
    confirmed_max = max(
        rows.filter(status=RegistrationStatus.CONFIRMED).values_list("serial", flat=True)
    )
    assert waiting_min > confirmed_max
