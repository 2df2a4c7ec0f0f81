"""Schemathesis against the open API's own OpenAPI document, on the WSGI app: requests the
schema allows are answered without a 500, in the shapes the schema promises, and refused only
where the refusal depends on the data (an unknown unit or topic, a page past the end); requests
the schema forbids are refused with a 400 (issue 11: the schema says exactly what the server
accepts). Bounded: 100 examples per operation, under half a minute in all."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hsettings
from schemathesis.config import SchemathesisConfig

from gongkai.api.schema import openapi_document
from gongkai.wsgi import application

# Refusals of schema-valid requests that no schema can foresee: values naming nothing that
# exists (organ, topic, policy) and a page past the last. Any other 400 for a request the
# schema allows means the schema promises more than the server accepts.
DATA_DEPENDENT = {"organ", "topic", "policy", "page"}

CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # Replaced by the stricter check below: 400 allowed only for data-dependent values.
            "positive_data_acceptance": {"enabled": False},
        },
    }
)


# Built from the document the server serves (no request needed) and called on the WSGI app.
schema = schemathesis.openapi.from_dict(openapi_document(), config=CONFIG)
schema.app = application


@pytest.fixture
def unlimited(library: Any, consultations: Any, settings: Any) -> Iterator[Any]:
    """Something to find, no rate limit (hundreds of requests from one address), and the
    test's database connection kept open across requests, as Django's test client keeps it
    (the WSGI handler would close it when each request ends)."""
    settings.GONGKAI = {**settings.GONGKAI, "API_RATE_LIMIT": 0}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield library
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def accepted_unless_data_dependent(response: Any, case: Any) -> None:
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    if response.status_code == 400:
        parameter = response.json()["error"]["parameter"]
        assert parameter in DATA_DEPENDENT, (
            f"schema-valid request refused: {case.path} {case.query} → {response.text}"
        )
    else:
        assert response.status_code in (200, 404), (case.path, case.query, response.text)


@pytest.mark.fuzz
@pytest.mark.django_db
@schema.parametrize()
@hsettings(
    max_examples=100,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI failures reproduce
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_openapi_contract(case: Any, unlimited: Any) -> None:
    response = case.call_and_validate()  # no 5xx, declared status, content type and body
    accepted_unless_data_dependent(response, case)
    assert response.status_code < 500


def test_the_declared_choices_are_the_models_choices() -> None:
    from typing import get_args

    from gongkai.api import api, params
    from gongkai.library.models import DocType
    from gongkai.library.validity import Validity
    from gongkai.participation.models import ConsultationKind, ConsultationStatus

    assert list(get_args(api.DocTypeParam)) == params.choice_values(DocType)
    assert list(get_args(api.ValidityParam)) == params.choice_values(Validity)
    assert list(get_args(api.ConsultationKindParam)) == params.choice_values(ConsultationKind)
    assert list(get_args(api.ConsultationStatusParam)) == params.choice_values(ConsultationStatus)
    # 在线访谈 (issue 15)
    from gongkai.events.models import EventKind, EventStatus

    assert list(get_args(api.EventKindParam)) == params.choice_values(EventKind)
    assert list(get_args(api.EventStatusParam)) == params.choice_values(EventStatus)
