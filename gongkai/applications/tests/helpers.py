"""Shared builders for the applications tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.applications import services
from gongkai.applications.models import ApplicantType, Channel, DeliveryForm, DeliveryWay

ID_NUMBER = "360102198507150013"  # valid GB 11643 check character

PERSON = {
    "applicant_type": ApplicantType.NATURAL,
    "applicant_name": "张三",
    "id_doc_type": "id_card",
    "id_number": ID_NUMBER,
    "phone": "13907911234",
    "email": "zhangsan@example.com",
    "address": "江西省南昌市东湖区八一大道123号5栋2单元301室",
    "postcode": "330006",
    "description": "2025年南昌市义务教育学校划片范围的文件",
    "delivery_form": DeliveryForm.ELECTRONIC,
    "delivery_way": DeliveryWay.ONLINE,
}


def form_post(**overrides: Any) -> dict[str, Any]:
    data = {k: str(v) for k, v in PERSON.items()}
    data.update({k: str(v) for k, v in overrides.items()})
    return data


def registered(unit: Any, actor: Any, received_on: dt.date, **fields: Any) -> Any:
    """A case registered by staff as received on a given day (in person)."""
    data = {**PERSON, **fields}
    return services.register(
        unit, data, actor=actor, channel=Channel.IN_PERSON, received_on=received_on
    ).case


def handled(unit: Any, users: Any, received_on: dt.date) -> Any:
    case = registered(unit, users.officer_a, received_on)
    return services.assign(case, actor=users.officer_a, handler=users.officer_a)
