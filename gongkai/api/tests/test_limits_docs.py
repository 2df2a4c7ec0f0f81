"""Rate limit, the offline documentation page and the OpenAPI document (snapshot)."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache

from gongkai.api.schema import SNAPSHOT, openapi_document, render
from gongkai.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(settings):
    settings.GONGKAI = {**settings.GONGKAI, "API_RATE_LIMIT": 3, "API_RATE_WINDOW": 60}
    cache.clear()


def test_anonymous_clients_are_limited_with_retry_after(client, city, small_limit):
    # Different queries and the same one again: every request counts, none is served from a cache.
    for params in ({}, {"page_size": 5}, {}):
        assert client.get("/api/v1/policies", params).status_code == 200
    response = client.get("/api/v1/organisations")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    error = response.json()["error"]
    assert error["parameter"] is None
    assert "60" in error["message"] and "3" in error["message"]
    # Bad requests count too, and are refused while over the limit.
    assert client.get("/api/v1/policies", {"year": "x"}).status_code == 429
    # Another address has its own count.
    assert client.get("/api/v1/policies", REMOTE_ADDR="10.1.2.3").status_code == 200


def test_the_client_address_header_behind_a_proxy(client, city, small_limit, settings):
    settings.GONGKAI = {**settings.GONGKAI, "CLIENT_IP_HEADER": "HTTP_X_REAL_IP"}
    for _ in range(3):
        assert client.get("/api/v1/policies", HTTP_X_REAL_IP="203.0.113.9").status_code == 200
    assert client.get("/api/v1/policies", HTTP_X_REAL_IP="203.0.113.9").status_code == 429
    assert client.get("/api/v1/policies", HTTP_X_REAL_IP="203.0.113.10").status_code == 200
    junk = "\u202e" + "x" * 300  # not an address: still counted, under a safe cache key
    assert client.get("/api/v1/policies", HTTP_X_REAL_IP=junk).status_code == 200


def test_staff_are_not_limited(client, city, small_limit):
    client.force_login(city.users.editor_a)  # Wagtail admin access through the unit's role
    for _ in range(6):
        assert client.get("/api/v1/policies").status_code == 200
    client.force_login(make_user("reader"))  # logged in but not staff: limited
    for _ in range(3):
        client.get("/api/v1/policies")
    assert client.get("/api/v1/policies").status_code == 429


def test_a_staff_session_without_its_second_factor_is_limited(client, city, small_limit, settings):
    settings.GONGKAI_REQUIRE_2FA = True
    client.force_login(city.users.editor_a)  # the password step only: not yet verified
    for _ in range(3):
        assert client.get("/api/v1/policies").status_code == 200
    assert client.get("/api/v1/policies").status_code == 429


def test_a_limit_of_zero_turns_the_limit_off(client, city, settings):
    settings.GONGKAI = {**settings.GONGKAI, "API_RATE_LIMIT": 0}
    for _ in range(5):
        assert client.get("/api/v1/organisations").status_code == 200


def test_docs_page_works_offline(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, html
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset  # shipped with django-ninja
    assert '"validatorUrl": null' in html  # no call to the online validator
    assert "/api/v1/openapi.json" in html


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/policies",
        "/api/v1/policies/{id}",
        "/api/v1/interpretations",
        "/api/v1/interpretations/{id}",
        "/api/v1/consultations",
        "/api/v1/consultations/{id}",
        "/api/v1/organisations",
        "/api/v1/letters",  # issue 15 (gongkai.mailbox)
        "/api/v1/letters/{id}",
        "/api/v1/events",  # issue 15 (gongkai.events)
        "/api/v1/events/{id}",
    }
    assert document == openapi_document()


def test_openapi_document_matches_the_snapshot():
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert openapi_document() == expected, (
        f"The OpenAPI document differs from {SNAPSHOT.name}. If the API change is intended, "
        "regenerate the snapshot with `gongkai api-schema --write` "
        "(or `.venv/bin/python -m django api_schema --write` with "
        "DJANGO_SETTINGS_MODULE=gongkai.settings) and review the diff."
    )
    assert SNAPSHOT.read_text(encoding="utf-8") == render(expected)  # as the command writes it
