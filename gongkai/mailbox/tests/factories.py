"""A small letter factory for the staff-side tests (the public form is tested on its own)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from gongkai.mailbox import periods
from gongkai.mailbox.models import Channel, Letter, LetterStatus
from gongkai.organisations.models import Organisation

_serial = itertools.count(1)


def make_letter(
    unit: Organisation | None,
    *,
    subject: str = "关于学区划分的咨询",
    body: str = "我家孩子明年上小学，想了解学区划分。我的电话13907911234。",
    channel: str = Channel.CONSULT,
    received_on: dt.date | None = None,
    **fields: Any,
) -> Letter:
    serial = 90_000 + next(_serial)
    received_on = received_on or timezone.localdate()
    fields.setdefault(
        "status", LetterStatus.ASSIGNED if unit is not None else LetterStatus.RECEIVED
    )
    fields.setdefault("due_on", periods.due_on(channel, received_on))
    fields.setdefault("name", "张小明")
    fields.setdefault("phone", "13907911234")
    fields.setdefault("consent_publish", True)
    return Letter.objects.create(
        organisation=unit,
        received_by=unit,
        channel=channel,
        year=received_on.year,
        serial=serial,
        number=f"XJ{received_on.year}{serial:06d}",
        subject=subject,
        body=body,
        received_on=received_on,
        **fields,
    )
