"""Bad input never gives a 500: every bad parameter is a 400 naming it, unknown things a 404,
other methods a 405 — all in the one JSON error shape."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_policies(city):
    """Something to list, so that junk that passes the checks builds real results."""
    make_policy(city.a, title="关于城乡居民医保参保缴费的通知", issuers=[city.a, city.b])
    make_policy(city.b, title="关于财政预算公开的通知", doc_type="other")


def assert_error(response, status, parameter):
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"parameter", "message"}
    assert body["error"]["parameter"] == parameter
    assert body["error"]["message"]
    return body["error"]["message"]


BAD = [
    ("policies", {"organ": "no-such-unit"}, "organ"),
    ("policies", {"organ": "9" * 30}, "organ"),
    ("policies", {"organ": "²"}, "organ"),
    ("policies", {"organ": "x" * 101}, "organ"),
    ("policies", {"topic": "不存在的分类"}, "topic"),
    ("policies", {"topic": "卫生、体育\\不存在"}, "topic"),
    ("policies", {"topic": "a\\b\\c"}, "topic"),
    ("policies", {"topic": "9" * 30}, "topic"),
    ("policies", {"topic": "\\"}, "topic"),
    ("policies", {"doc_type": "law"}, "doc_type"),
    ("policies", {"doc_type": "规章制度"}, "doc_type"),
    ("policies", {"validity": "现行有效"}, "validity"),
    ("policies", {"validity": "VALIDX"}, "validity"),
    ("policies", {"year": "1948"}, "year"),
    ("policies", {"year": "2101"}, "year"),
    ("policies", {"year": "二〇二四"}, "year"),
    ("policies", {"year": "2024.5"}, "year"),
    ("policies", {"year": "1e3"}, "year"),
    ("policies", {"year": "9" * 50}, "year"),
    ("policies", {"year": "9" * 5000}, "year"),
    ("policies", {"year": "-2024"}, "year"),
    ("policies", {"page": "0"}, "page"),
    ("policies", {"page": "-1"}, "page"),
    ("policies", {"page": "abc"}, "page"),
    ("policies", {"page": "9" * 400}, "page"),
    ("policies", {"page": "100001"}, "page"),
    ("policies", {"page_size": "101"}, "page_size"),
    ("policies", {"page_size": "0"}, "page_size"),
    ("policies", {"page_size": "ten"}, "page_size"),
    ("policies", {"q": "医" * 101}, "q"),
    ("policies", {"q": "医保\x00"}, "q"),
    ("policies", {"organ": "\x1b[31m"}, "organ"),
    ("policies", {"q": "x" * 5000}, "q"),
    ("interpretations", {"policy": "x"}, "policy"),
    ("interpretations", {"policy": "0"}, "policy"),
    ("interpretations", {"policy": "999999999"}, "policy"),
    ("interpretations", {"page_size": "1000"}, "page_size"),
    ("interpretations", {"page": "１２"}, "page"),
    ("policies/abc", {}, "id"),
    ("policies/1.5", {}, "id"),
    ("interpretations/%E5%8C%BB", {}, "id"),
]


@pytest.mark.parametrize(("path", "params", "parameter"), BAD)
def test_bad_parameters_are_400_naming_the_parameter(client, city, path, params, parameter):
    response = client.get(f"/api/v1/{path}", params)
    message = assert_error(response, 400, parameter)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)  # a Chinese message


def test_validation_messages_say_what_is_allowed(client, city):
    message = assert_error(client.get("/api/v1/policies", {"page_size": "500"}), 400, "page_size")
    assert "100" in message
    message = assert_error(client.get("/api/v1/policies", {"year": "x"}), 400, "year")
    assert "整数" in message
    message = assert_error(client.get("/api/v1/policies", {"doc_type": "x"}), 400, "doc_type")
    assert "normative" in message and "行政规范性文件" in message


def test_undecodable_query_strings_are_not_errors_of_ours(client, city):
    response = client.get("/api/v1/policies?q=%E9%86&organ=&year=%FF%FE")
    assert_error(response, 400, "year")
    assert client.get("/api/v1/policies?q=%E9%86%AB").status_code == 200
    assert client.get("/api/v1/policies?q=%FF%FE%FD").status_code == 200


def test_unknown_addresses_are_json_404(client):
    for path in ("/api/v1/nothing", "/api/v1/policies/", "/api/v1/policies/1/extra", "/api/v1/x/"):
        message = assert_error(client.get(path), 404, None)
        assert "/api/v1/docs" in message
    api_root = client.get("/api/v1/")
    assert api_root.status_code == 200
    assert api_root.json()["docs"] == "http://testserver/api/v1/docs"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize(
    "path", ["/api/v1/policies", "/api/v1/policies/1", "/api/v1/openapi.json", "/api/v1/docs"]
)
def test_only_get_is_allowed(client, method, path):
    response = getattr(client, method)(path)
    assert_error(response, 405, None)
    assert response["Allow"] == "GET, HEAD"


def test_head_is_get_without_a_body(client, city):
    response = client.head("/api/v1/policies")
    assert response.status_code == 200
    assert response.content == b""


PARAMETERS = {
    "policies": ["q", "organ", "topic", "year", "doc_type", "validity", "page", "page_size"],
    "interpretations": ["policy", "page", "page_size"],
}
JUNK = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "\\", "/", "%", "'", '"', "--", "0x10", "１２", "NaN", "None"]),
)


@pytest.mark.parametrize("endpoint", sorted(PARAMETERS))
@hsettings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_junk_never_gives_a_server_error(client, some_policies, settings, endpoint, data):
    settings.GONGKAI = {**settings.GONGKAI, "API_RATE_LIMIT": 0}
    names = data.draw(st.lists(st.sampled_from(PARAMETERS[endpoint]), min_size=1, max_size=3))
    params = {name: data.draw(JUNK) for name in names}
    response = client.get(f"/api/v1/{endpoint}", params)
    assert response.status_code in (200, 400), (params, response.content)
    body = response.json()
    if response.status_code == 400:
        assert body["error"]["parameter"] in names
    detail_id = data.draw(JUNK).replace("/", "").replace("?", "").replace("#", "")
    response = client.get(f"/api/v1/{endpoint}/{detail_id}")
    assert response.status_code in (200, 400, 404), (detail_id, response.content)
    assert response["Content-Type"].startswith("application/json")
